using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>
/// Interoperability with another DTLS implementation: OpenSSL's s_client and s_server (Debian's openssl package)
/// over real loopback UDP. OpenSSL prints the negotiated SRTP profile and the exported "EXTRACTOR-dtls_srtp"
/// keying material, which must equal ours byte for byte.
/// </summary>
public sealed partial class OpenSslInteropTests : IDisposable
{
    private const string OpenSsl = "/usr/bin/openssl";
    private readonly string _directory = Directory.CreateTempSubdirectory("confab-dtls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM", "", SrtpProtectionProfile.AeadAes128Gcm)]
    [InlineData("SRTP_AES128_CM_SHA1_80:SRTP_AES128_CM_SHA1_32", "", SrtpProtectionProfile.Aes128CmHmacSha1_80)]
    [InlineData("SRTP_AEAD_AES_256_GCM", "-cipher ECDHE-ECDSA-AES256-GCM-SHA384", SrtpProtectionProfile.AeadAes256Gcm)]
    [InlineData("SRTP_AEAD_AES_128_GCM", "-cipher ECDHE-ECDSA-CHACHA20-POLY1305", SrtpProtectionProfile.AeadAes128Gcm)]
    // A small link MTU makes OpenSSL fragment its flights (RFC 6347 §4.2.3); we reassemble them.
    [InlineData("SRTP_AES128_CM_SHA1_80", "-mtu 256", SrtpProtectionProfile.Aes128CmHmacSha1_80)]
    public async Task Our_server_and_OpenSSL_client_export_the_same_srtp_keys(string offer, string extraArguments,
        int expectedProfile)
    {
        var (certificatePath, keyPath, peerFingerprint) = CreateOpenSslCertificate();
        var ours = DtlsCertificate.Generate();
        using var host = new UdpDtlsHost(ours);
        var handshake = host.Endpoint.HandshakeAsync(DtlsRole.Server, peerFingerprint);
        var length = DtlsSrtpKeys.KeyingMaterialLength(expectedProfile);

        var output = await RunOpenSslAsync(
            $"s_client -dtls1_2 -connect 127.0.0.1:{host.Port} -use_srtp {offer} -cert {certificatePath} -key {keyPath} " +
            $"-keymatexport EXTRACTOR-dtls_srtp -keymatexportlen {length} {extraArguments}",
            untilOutputContains: "Keying material:");

        var result = await handshake.WaitAsync(DtlsPair.TestTimeout);
        Assert.Equal(expectedProfile, result.SrtpKeys.ProfileId);
        Assert.Contains($"SRTP Extension negotiated, profile={OpenSslName(expectedProfile)}", output, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(result.SrtpKeys.KeyingMaterial), KeyingMaterialOf(output));
        if (extraArguments.StartsWith("-mtu", StringComparison.Ordinal))
        {
            // Its certificate message alone is larger: it can only have come in fragments.
            Assert.InRange(host.LargestDatagramReceived, 1, 256);
            Assert.True(result.PeerCertificate.Length > 256);
        }
    }

    [Fact]
    public async Task Application_data_crosses_between_our_server_and_OpenSSL_client()
    {
        var (certificatePath, keyPath, peerFingerprint) = CreateOpenSslCertificate();
        using var host = new UdpDtlsHost(DtlsCertificate.Generate());
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Endpoint.ApplicationDataReceived += data => received.TrySetResult(System.Text.Encoding.ASCII.GetString(data));
        var handshake = host.Endpoint.HandshakeAsync(DtlsRole.Server, peerFingerprint);

        // s_client sends each stdin line as one application-data record and prints what it receives.
        using var client = StartOpenSsl(
            $"s_client -dtls1_2 -connect 127.0.0.1:{host.Port} -use_srtp SRTP_AES128_CM_SHA1_80 " +
            $"-cert {certificatePath} -key {keyPath} -cipher ECDHE-ECDSA-CHACHA20-POLY1305");
        await handshake.WaitAsync(DtlsPair.TestTimeout);
        client.WriteLine("hello from openssl");
        host.Endpoint.Send("hello from confab\n"u8);

        Assert.Equal("hello from openssl\n", await received.Task.WaitAsync(DtlsPair.TestTimeout));
        await client.WaitForOutputAsync("hello from confab");
    }

    [Fact]
    public async Task Our_client_and_OpenSSL_server_export_the_same_srtp_keys()
    {
        var (certificatePath, keyPath, peerFingerprint) = CreateOpenSslCertificate();
        var port = FreeUdpPort();
        var length = DtlsSrtpKeys.KeyingMaterialLength(SrtpProtectionProfile.Aes128CmHmacSha1_80);
        // -Verify 1: OpenSSL requests (and requires) our certificate, as a WebRTC peer does.
        using var server = StartOpenSsl(
            $"s_server -dtls1_2 -accept {port} -use_srtp SRTP_AES128_CM_SHA1_80 -cert {certificatePath} -key {keyPath} " +
            $"-Verify 1 -keymatexport EXTRACTOR-dtls_srtp -keymatexportlen {length}");
        await server.WaitForOutputAsync("ACCEPT");

        using var host = new UdpDtlsHost(DtlsCertificate.Generate(), new IPEndPoint(IPAddress.Loopback, port));
        var result = await host.Endpoint.HandshakeAsync(DtlsRole.Client, peerFingerprint).WaitAsync(DtlsPair.TestTimeout);
        var output = await server.WaitForOutputAsync("Keying material:");

        Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, result.SrtpKeys.ProfileId);
        Assert.Equal(Convert.ToHexString(result.SrtpKeys.KeyingMaterial), KeyingMaterialOf(output));
    }

    [Fact]
    public async Task OpenSSL_client_with_an_unexpected_certificate_is_refused()
    {
        var (certificatePath, keyPath, _) = CreateOpenSslCertificate();
        using var host = new UdpDtlsHost(DtlsCertificate.Generate());
        var handshake = host.Endpoint.HandshakeAsync(DtlsRole.Server, DtlsCertificate.Generate().SdpFingerprint);

        using var client = StartOpenSsl(
            $"s_client -dtls1_2 -connect 127.0.0.1:{host.Port} -use_srtp SRTP_AES128_CM_SHA1_80 " +
            $"-cert {certificatePath} -key {keyPath}");

        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));
        Assert.Equal(DtlsFailureReason.FingerprintMismatch, error.Reason);
    }

    private (string Certificate, string Key, string Fingerprint) CreateOpenSslCertificate()
    {
        var certificatePath = Path.Combine(_directory, "peer.pem");
        var keyPath = Path.Combine(_directory, "peer.key");
        using var process = Process.Start(new ProcessStartInfo(OpenSsl,
            $"req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=peer " +
            $"-keyout {keyPath} -out {certificatePath}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return (certificatePath, keyPath, DtlsFingerprint.Compute(DtlsFingerprint.Sha256, certificate.RawData).ToString());
    }

    private static async Task<string> RunOpenSslAsync(string arguments, string untilOutputContains)
    {
        using var process = StartOpenSsl(arguments);
        return await process.WaitForOutputAsync(untilOutputContains);
    }

    private static OpenSslProcess StartOpenSsl(string arguments)
    {
        Assert.True(File.Exists(OpenSsl), "These tests need Debian's openssl package.");
        return new OpenSslProcess(arguments);
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string KeyingMaterialOf(string output)
    {
        var match = KeyingMaterialLine().Match(output);
        Assert.True(match.Success, "OpenSSL printed no keying material:\n" + output);
        return match.Groups[1].Value.ToUpperInvariant();
    }

    private static string OpenSslName(int profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1_80 => "SRTP_AES128_CM_SHA1_80",
        SrtpProtectionProfile.Aes128CmHmacSha1_32 => "SRTP_AES128_CM_SHA1_32",
        SrtpProtectionProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        SrtpProtectionProfile.AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    [GeneratedRegex(@"Keying material:\s*([0-9A-Fa-f]+)")]
    private static partial Regex KeyingMaterialLine();

    /// <summary>An openssl child process whose output we watch; killed (by its own handle) when disposed.</summary>
    private sealed class OpenSslProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();
        private readonly object _lock = new();

        public OpenSslProcess(string arguments)
        {
            _process = new Process
            {
                StartInfo = new ProcessStartInfo(OpenSsl, arguments)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                },
            };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public void WriteLine(string line)
        {
            _process.StandardInput.Write(line + "\n");
            _process.StandardInput.Flush();
        }

        public async Task<string> WaitForOutputAsync(string marker)
        {
            await Eventually.TrueAsync(() => Output.Contains(marker, StringComparison.Ordinal) || _process.HasExited);
            // The line carrying the marker may still be completing: wait for its end.
            await Eventually.TrueAsync(() => LineComplete(marker) || _process.HasExited);
            Assert.True(Output.Contains(marker, StringComparison.Ordinal), $"openssl never printed '{marker}':\n{Output}");
            return Output;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private string Output
        {
            get
            {
                lock (_lock)
                {
                    return _output.ToString();
                }
            }
        }

        private bool LineComplete(string marker)
        {
            var text = Output;
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            return at >= 0 && text.IndexOf('\n', at) > at;
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lock)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
