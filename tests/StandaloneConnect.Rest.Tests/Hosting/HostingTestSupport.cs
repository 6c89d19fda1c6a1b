using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Rest;
using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Rest.Tests.Hosting;

/// <summary>Worker configs, a started server with its client, certificates and a log capture for the hosting tests.</summary>
internal static class HostingTestSupport
{
    public const string Source = "worker.properties";

    public static WorkerConfig Worker(params (string Key, string Value)[] settings)
    {
        var props = new Dictionary<string, string>
        {
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = "offsets.json",
            [WorkerConfig.Listeners] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings)
        {
            props[key] = value;
        }

        return WorkerConfig.Parse(props, Source);
    }

    public static RestServerSettings Settings(params (string Key, string Value)[] settings) => RestServerSettings.Parse(Worker(settings));

    /// <summary>A self-signed certificate for 127.0.0.1 with its private key.</summary>
    public static X509Certificate2 CreateCertificate(string subject = "CN=127.0.0.1", bool clientAuth = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(clientAuth ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>Writes <paramref name="certificates"/> as a PKCS#12 file (as keytool would) and returns its path.</summary>
    public static string WritePkcs12(TemporaryDirectory directory, string name, string password, params X509Certificate2[] certificates) =>
        directory.WriteBytes(name, new X509Certificate2Collection(certificates).ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));

    /// <summary>An HttpClient that trusts exactly <paramref name="serverCertificate"/>.</summary>
    public static HttpClient TrustingClient(X509Certificate2 serverCertificate, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(serverCertificate.RawData);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler);
    }

    /// <summary>Tiny endpoints that exercise the error handler.</summary>
    public static void MapTestApi(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hello", () => Results.Json(new Dictionary<string, object?> { ["greeting"] = "héllo wörld", ["nothing"] = null }, RestJson.Options));
        routes.MapPost("/echo", (Dictionary<string, string> body) => Results.Json(body, RestJson.Options));
        routes.MapPost("/poke", () => Results.NoContent());
        routes.MapDelete("/poke", () => Results.NoContent());
        routes.MapGet("/boom", IResult () => throw new InvalidOperationException("kaboom"));
        routes.MapGet("/missing", IResult () => throw new StandaloneConnect.Sdk.NotFoundException("Connector c1 not found"));
        routes.MapPost("/exists", IResult () => throw new StandaloneConnect.Sdk.AlreadyExistsException("Connector c1 already exists"));
        routes.MapGet("/bad", IResult () => throw new StandaloneConnect.Runtime.Herder.BadRequestException("Bad request, really"));
        routes.MapGet("/config", IResult () => throw new StandaloneConnect.Sdk.Config.ConfigException("tasks.max", "x", "Not a number of type INT"));
        routes.MapGet("/forbidden", IResult () => throw new RestException(403, "Topic tracking is disabled."));
        routes.MapGet("/teapot", () => Results.StatusCode(418));
    }

    public static void MapTestAdmin(IEndpointRouteBuilder routes) =>
        routes.MapGet("/admin/loggers", () => Results.Json(new Dictionary<string, string> { ["root"] = "INFO" }, RestJson.Options));
}

/// <summary>A started <see cref="RestServer"/> with a client for its first listener.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(RestServer server, HttpClient client, LogCapture logs)
    {
        Server = server;
        Client = client;
        Logs = logs;
    }

    public RestServer Server { get; }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public Uri Url => Server.Urls[0];

    public static async Task<TestServer> StartAsync(RestServerSettings settings, Action<IEndpointRouteBuilder>? api = null,
        Action<IEndpointRouteBuilder>? admin = null, TimeProvider? timeProvider = null, HttpClient? client = null)
    {
        var logs = new LogCapture();
        var server = new RestServer(settings, logs.Factory, api ?? HostingTestSupport.MapTestApi, admin ?? HostingTestSupport.MapTestAdmin,
            timeProvider ?? TimeProvider.System);
        try
        {
            await server.StartAsync(CancellationToken.None);
        }
        catch
        {
            await server.DisposeAsync();
            logs.Dispose();
            throw;
        }

        client ??= new HttpClient();
        client.BaseAddress = server.Urls[0];
        return new TestServer(server, client, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Logs.Dispose();
    }
}

/// <summary>Collects every log entry (all levels) the server writes.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();

    public LogCapture()
    {
        Factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() => Factory.Dispose();

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>A clock whose timers only fire when the test says so (for the 90 s request timeout).</summary>
internal sealed class ManualTimers : TimeProvider
{
    private readonly ConcurrentQueue<Timer> _timers = new();

    public IReadOnlyList<TimeSpan> DueTimes => _timers.Select(t => t.DueTime).ToList();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state, dueTime);
        _timers.Enqueue(timer);
        return timer;
    }

    /// <summary>Fires every live timer due within <paramref name="elapsed"/>.</summary>
    public void Advance(TimeSpan elapsed)
    {
        foreach (var timer in _timers.Where(t => !t.Disposed && t.DueTime <= elapsed))
        {
            timer.Fire();
        }
    }

    private sealed class Timer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        public TimeSpan DueTime { get; private set; } = dueTime;

        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
