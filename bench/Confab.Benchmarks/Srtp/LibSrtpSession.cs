using System.Runtime.InteropServices;

namespace Confab.Benchmarks.Srtp;

/// <summary>One libsrtp2 session (all outbound or all inbound SSRCs) with its key kept alive.</summary>
internal sealed unsafe class LibSrtpSession : IDisposable
{
    private static readonly Lazy<bool> Initialized = new(() => LibSrtp.Init() == LibSrtp.ErrorOk);
    private readonly byte* _key;
    private nint _session;

    public LibSrtpSession(bool gcm, bool outbound, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (sizeof(LibSrtp.Policy) != 128)
        {
            throw new InvalidOperationException($"srtp_policy_t layout mismatch: {sizeof(LibSrtp.Policy)} octets.");
        }

        if (!Initialized.Value)
        {
            throw new InvalidOperationException("srtp_init failed.");
        }

        _key = (byte*)NativeMemory.Alloc((nuint)(masterKey.Length + masterSalt.Length));
        masterKey.CopyTo(new Span<byte>(_key, masterKey.Length));
        masterSalt.CopyTo(new Span<byte>(_key + masterKey.Length, masterSalt.Length));

        LibSrtp.Policy policy = default;
        if (gcm)
        {
            LibSrtp.SetAesGcm128(&policy.Rtp);
            LibSrtp.SetAesGcm128(&policy.Rtcp);
        }
        else
        {
            LibSrtp.SetAesCm128HmacSha1_80(&policy.Rtp);
            LibSrtp.SetAesCm128HmacSha1_80(&policy.Rtcp);
        }

        policy.SsrcType = outbound ? LibSrtp.SsrcAnyOutbound : LibSrtp.SsrcAnyInbound;
        policy.Key = (nint)_key;
        policy.WindowSize = 128;
        nint session;
        int status = LibSrtp.Create(&session, &policy);
        if (status != LibSrtp.ErrorOk)
        {
            throw new InvalidOperationException($"srtp_create failed: {status}.");
        }

        _session = session;
    }

    public int Protect(byte* packet, int length)
    {
        int status = LibSrtp.Protect(_session, packet, &length);
        return status == LibSrtp.ErrorOk ? length : -status;
    }

    public int Unprotect(byte* packet, int length)
    {
        int status = LibSrtp.Unprotect(_session, packet, &length);
        return status == LibSrtp.ErrorOk ? length : -status;
    }

    public void Dispose()
    {
        if (_session != 0)
        {
            LibSrtp.Dealloc(_session);
            _session = 0;
            NativeMemory.Free(_key);
        }
    }
}
