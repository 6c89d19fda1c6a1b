namespace StandaloneConnect.Connectors.File;

/// <summary>
/// A growable byte buffer that splits UTF-8 input into lines ended by <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>,
/// like Java's <c>BufferedReader.readLine</c>. A line is only returned once its terminator has been read; a
/// <c>\r</c> that ends the buffered data waits for the next byte to tell whether a <c>\n</c> follows.
/// </summary>
internal sealed class LineBuffer
{
    private byte[] _buffer;
    private int _start;
    private int _end;

    public LineBuffer(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 2);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>The current size of the underlying buffer.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Bytes read but not yet returned as part of a line.</summary>
    public int Buffered => _end - _start;

    /// <summary>
    /// Room to read into: compacts the buffer when the free tail is small, and doubles it when it is full of one
    /// unterminated line. Call <see cref="Advance"/> with the number of bytes written.
    /// </summary>
    public Memory<byte> GetWriteMemory()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && _buffer.Length - _end < _buffer.Length / 4)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>
    /// The next complete line without its terminator, and the number of bytes it used including the terminator;
    /// false when no complete line is buffered.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out int consumed)
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        var index = data.IndexOfAny((byte)'\n', (byte)'\r');
        if (index < 0 || (data[index] == (byte)'\r' && index + 1 == data.Length))
        {
            line = default;
            consumed = 0;
            return false;
        }

        var terminator = data[index] == (byte)'\r' && data[index + 1] == (byte)'\n' ? 2 : 1;
        line = data[..index];
        consumed = index + terminator;
        _start += consumed;
        return true;
    }
}
