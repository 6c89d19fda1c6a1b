using System.Globalization;

namespace StandaloneConnect.Sdk.Config;

/// <summary>The validators of Kafka's <c>ConfigDef</c>, with Kafka's messages.</summary>
public static class Validators
{
    public static IValidator AtLeast(long min) => new RangeValidator(min, null);

    public static IValidator Between(long min, long max) => new RangeValidator(min, max);

    public static IValidator In(params string[] values) => new ValidString(values, false);

    public static IValidator InCaseInsensitive(params string[] values) => new ValidString(values, true);

    public static IValidator NonEmptyString { get; } = new LambdaValidator((name, value) =>
    {
        if (value is string s && s.Length == 0)
        {
            throw new ConfigException(name, value, "String must be non-empty");
        }
    }, "non-empty string");

    public static IValidator NonNull { get; } = new LambdaValidator((name, value) =>
    {
        if (value is null)
        {
            throw new ConfigException(name, value, "entry must be non null");
        }
    }, "non-null");

    public static IValidator NonEmptyStringWithoutControlChars { get; } = new LambdaValidator((name, value) =>
    {
        // As Kafka: null passes (a missing required key is reported as missing, and a null default is allowed).
        if (value is null)
        {
            return;
        }

        if (value is not string s || s.Length == 0)
        {
            throw new ConfigException(name, value, "String may not be empty");
        }

        var control = s.Where(char.IsControl).Select(c => ((int)c).ToString(CultureInfo.InvariantCulture)).ToList();
        if (control.Count > 0)
        {
            throw new ConfigException(name, value,
                "String may not contain control sequences but had the following ASCII chars: " + string.Join(", ", control));
        }
    }, "non-empty string without ISO control characters");

    /// <summary>Every element of a LIST value must be one of the given strings.</summary>
    public static IValidator ListIn(params string[] values) => new LambdaValidator((name, value) =>
    {
        if (value is IEnumerable<string> list)
        {
            foreach (var item in list)
            {
                if (!values.Contains(item))
                {
                    throw new ConfigException(name, item, "String must be one of: " + string.Join(", ", values));
                }
            }
        }
    }, "[" + string.Join(", ", values) + "]");

    /// <summary>A validator from a delegate; <paramref name="description"/> is shown in docs.</summary>
    public static IValidator Lambda(Action<string, object?> check, string description) => new LambdaValidator(check, description);

    /// <summary>All validators in order.</summary>
    public static IValidator Composite(params IValidator[] validators) => new LambdaValidator((name, value) =>
    {
        foreach (var v in validators)
        {
            v.EnsureValid(name, value);
        }
    }, string.Join(", ", validators.Select(v => v.ToString())));

    private sealed class LambdaValidator(Action<string, object?> check, string description) : IValidator
    {
        public void EnsureValid(string name, object? value) => check(name, value);

        public override string ToString() => description;
    }

    private sealed class RangeValidator(long min, long? max) : IValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is null)
            {
                throw new ConfigException(name, null, "Value must be non-null");
            }

            var n = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (n < min)
            {
                throw new ConfigException(name, value, "Value must be at least " + min.ToString(CultureInfo.InvariantCulture));
            }

            if (max is { } m && n > m)
            {
                throw new ConfigException(name, value, "Value must be no more than " + m.ToString(CultureInfo.InvariantCulture));
            }
        }

        public override string ToString() => max is null ? $"[{min},...]" : $"[{min},...,{max}]";
    }

    private sealed class ValidString(string[] values, bool ignoreCase) : IValidator
    {
        public void EnsureValid(string name, object? value)
        {
            var s = value as string;
            var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            if (s is null || !values.Contains(s, comparer))
            {
                var prefix = ignoreCase ? "String must be one of (case insensitive): " : "String must be one of: ";
                throw new ConfigException(name, value, prefix + string.Join(", ", values));
            }
        }

        public override string ToString() => "[" + string.Join(", ", values) + "]";
    }
}
