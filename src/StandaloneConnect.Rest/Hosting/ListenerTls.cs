using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace StandaloneConnect.Rest;

/// <summary>
/// What an https listener serves: the server certificate (with its chain) from a PKCS#12 keystore and, when
/// <c>ssl.client.auth</c> is <c>requested</c> or <c>required</c>, the certificates client certificates must chain to.
/// </summary>
internal sealed class ListenerTls(
    X509Certificate2 certificate,
    X509Certificate2Collection chain,
    ClientCertificateMode clientCertificateMode,
    X509Certificate2Collection trusted)
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection Chain { get; } = chain;

    public ClientCertificateMode ClientCertificateMode { get; } = clientCertificateMode;

    public X509Certificate2Collection Trusted { get; } = trusted;

    /// <summary>Kestrel's HTTPS options for this listener.</summary>
    public HttpsConnectionAdapterOptions ToHttpsOptions()
    {
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = Certificate,
            ServerCertificateChain = Chain,
            ClientCertificateMode = ClientCertificateMode,
        };
        if (ClientCertificateMode != ClientCertificateMode.NoCertificate)
        {
            options.ClientCertificateValidation = (certificate, _, _) => IsTrusted(certificate);
        }

        return options;
    }

    /// <summary>
    /// As Java's trust manager: the certificate is itself in the truststore, or it chains to one of the truststore's
    /// certificates (no revocation check); an extended key usage, when present, must allow client authentication.
    /// </summary>
    public bool IsTrusted(X509Certificate2 certificate)
    {
        if (Trusted.Any(t => t.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)))
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Trusted);
        chain.ChainPolicy.ExtraStore.AddRange(Trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        return chain.Build(certificate);
    }
}
