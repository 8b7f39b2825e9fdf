using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>Decides whether the link drops the datagram with this index (0-based, per direction).</summary>
internal delegate bool DropRule(int index, ReadOnlySpan<byte> datagram);

/// <summary>One direction of an in-memory, in-order datagram link; optionally lossy through a <see cref="DropRule"/>.</summary>
internal sealed class DatagramLink : IDatagramSender
{
    private int _sent;

    public DtlsEndpoint? Target { get; set; }

    public DropRule? Drop { get; set; }

    /// <summary>Called before each datagram is delivered (e.g. to inject garbage in front of it).</summary>
    public Action<DtlsEndpoint>? BeforeDeliver { get; set; }

    public int Sent => Volatile.Read(ref _sent);

    public int Dropped { get; private set; }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var index = Interlocked.Increment(ref _sent) - 1;
        if (Drop?.Invoke(index, datagram) == true)
        {
            Dropped++;
            return;
        }

        if (Target is { } target)
        {
            BeforeDeliver?.Invoke(target);
            target.OnDatagram(datagram);
        }
    }
}

/// <summary>A DTLS client and server endpoint joined by two <see cref="DatagramLink"/>s.</summary>
internal sealed class DtlsPair : IDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<DtlsCertificate> s_serverCertificate = new(() => DtlsCertificate.Generate());
    private static readonly Lazy<DtlsCertificate> s_clientCertificate = new(() => DtlsCertificate.Generate());

    public DtlsPair(DtlsEndpointOptions? serverOptions = null, DtlsEndpointOptions? clientOptions = null)
    {
        ServerCertificate = s_serverCertificate.Value;
        ClientCertificate = s_clientCertificate.Value;
        Server = new DtlsEndpoint(ServerCertificate, ServerToClient, serverOptions);
        Client = new DtlsEndpoint(ClientCertificate, ClientToServer, clientOptions);
        ServerToClient.Target = Client;
        ClientToServer.Target = Server;
    }

    public DtlsCertificate ServerCertificate { get; }

    public DtlsCertificate ClientCertificate { get; }

    public DatagramLink ServerToClient { get; } = new();

    public DatagramLink ClientToServer { get; } = new();

    public DtlsEndpoint Server { get; }

    public DtlsEndpoint Client { get; }

    /// <summary>Starts the server, then the client, each expecting the other's true fingerprint unless told otherwise.</summary>
    public (Task<DtlsResult> Server, Task<DtlsResult> Client) Start(string? serverExpects = null, string? clientExpects = null)
    {
        var server = Server.HandshakeAsync(DtlsRole.Server, serverExpects ?? ClientCertificate.SdpFingerprint);
        var client = Client.HandshakeAsync(DtlsRole.Client, clientExpects ?? ServerCertificate.SdpFingerprint);
        return (server, client);
    }

    public async Task<(DtlsResult Server, DtlsResult Client)> ConnectAsync()
    {
        var (server, client) = Start();
        return (await server.WaitAsync(TestTimeout), await client.WaitAsync(TestTimeout));
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }

    /// <summary>Epoch field of a DTLS record header (bytes 3..4), or -1 when too short.</summary>
    public static int EpochOf(ReadOnlySpan<byte> record) => record.Length < 5 ? -1 : (record[3] << 8) | record[4];
}
