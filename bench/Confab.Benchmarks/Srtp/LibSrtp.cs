using System.Runtime.InteropServices;

namespace Confab.Benchmarks.Srtp;

/// <summary>
/// The slice of libsrtp2 (Debian package libsrtp2-1) the comparison benchmarks call. Layouts follow
/// srtp2/srtp.h of libsrtp 2.5 on x86-64 (LP64: unsigned long and pointers are 8 octets).
/// </summary>
internal static partial class LibSrtp
{
    private const string Library = "libsrtp2.so.1";

    public const int ErrorOk = 0;
    public const int SsrcAnyInbound = 2;
    public const int SsrcAnyOutbound = 3;

    /// <summary>SRTP_MAX_TRAILER_LEN: the room srtp_protect may write past the packet.</summary>
    public const int MaxTrailerLength = 16 + 128;

    /// <summary>srtp_crypto_policy_t: six 32-bit fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CryptoPolicy
    {
        public uint CipherType;
        public int CipherKeyLength;
        public uint AuthType;
        public int AuthKeyLength;
        public int AuthTagLength;
        public int SecurityServices;
    }

    /// <summary>srtp_policy_t (128 octets).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Policy
    {
        public int SsrcType;
        public uint SsrcValue;
        public CryptoPolicy Rtp;
        public CryptoPolicy Rtcp;
        public nint Key;
        public nint Keys;
        public nuint NumMasterKeys;
        public nint DeprecatedEkt;
        public nuint WindowSize;
        public int AllowRepeatTx;
        public nint EncryptedExtensionHeaders;
        public int EncryptedExtensionHeaderCount;
        public nint Next;
    }

    [LibraryImport(Library, EntryPoint = "srtp_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "srtp_create")]
    public static unsafe partial int Create(nint* session, Policy* policy);

    [LibraryImport(Library, EntryPoint = "srtp_dealloc")]
    public static partial int Dealloc(nint session);

    [LibraryImport(Library, EntryPoint = "srtp_protect")]
    public static unsafe partial int Protect(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect")]
    public static unsafe partial int Unprotect(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    public static unsafe partial void SetAesCm128HmacSha1_80(CryptoPolicy* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_128_16_auth")]
    public static unsafe partial void SetAesGcm128(CryptoPolicy* policy);
}
