using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>
/// HTTP basic authentication on every request (<c>rest.basic.auth.credentials.file</c>, the replacement for Kafka's
/// <c>BasicAuthSecurityRestExtension</c>): without valid credentials the answer is 401 with
/// <c>WWW-Authenticate: Basic realm="connect"</c>. Credentials are compared in constant time; neither they nor the
/// <c>Authorization</c> header are ever logged.
/// </summary>
internal sealed class BasicAuthMiddleware
{
    public const string Challenge = "Basic realm=\"connect\"";
    public const string Message = "User cannot access the resource.";

    private readonly IReadOnlyList<(byte[] User, byte[] Password)> _credentials;

    private BasicAuthMiddleware(IReadOnlyList<(byte[] User, byte[] Password)> credentials)
    {
        _credentials = credentials;
    }

    /// <summary>Number of users in the credentials file.</summary>
    public int UserCount => _credentials.Count;

    /// <summary>
    /// Reads the credentials file (Java properties, <c>username: password</c> or <c>username=password</c>, as Kafka's
    /// <c>PropertyFileLoginModule</c>); a missing, unreadable or empty file is a <see cref="ConfigException"/> naming the key and file.
    /// </summary>
    public static BasicAuthMiddleware Load(string path)
    {
        const string key = WorkerConfig.RestBasicAuthCredentialsFile;
        IReadOnlyDictionary<string, string> users;
        try
        {
            users = JavaProperties.Load(path);
        }
        catch (ConfigException e)
        {
            throw new ConfigException(key, path, e.Message);
        }

        if (users.Count == 0)
        {
            throw new ConfigException(key, path, "The credentials file holds no users (expected 'username: password' lines).");
        }

        return new BasicAuthMiddleware(users.Select(kv => (Hash(kv.Key), Hash(kv.Value))).ToList());
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // CORS preflights carry no credentials; CorsMiddleware answers those from allowed origins before this runs.
        if (IsAuthorized(context.Request.Headers.Authorization))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = Challenge;
        return RestJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, Message);
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Basic base64(user:password)</c> for a known user.</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (!TryDecode(authorization, out var user, out var password))
        {
            return false;
        }

        // Every entry is compared, user and password alike, so the time taken says nothing about which part was wrong.
        var userHash = Hash(user);
        var passwordHash = Hash(password);
        var match = false;
        foreach (var (knownUser, knownPassword) in _credentials)
        {
            match |= CryptographicOperations.FixedTimeEquals(userHash, knownUser)
                & CryptographicOperations.FixedTimeEquals(passwordHash, knownPassword);
        }

        return match;
    }

    private static bool TryDecode(string? authorization, out string user, out string password)
    {
        user = password = "";
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[Math.Min(authorization.Length, 8192)];
        if (!Convert.TryFromBase64String(authorization[scheme.Length..].Trim(), buffer, out var length))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer[..length]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
