namespace Confab.Rtc.Tests.Stun;

/// <summary>
/// The test vectors of RFC 5769 ("Test Vectors for Session Traversal Utilities for NAT (STUN)",
/// April 2010), byte for byte, one attribute per line as the RFC lays them out.
/// </summary>
internal static class Rfc5769Vectors
{
    /// <summary>§2.1, §2.2, §2.3: the short-term password.</summary>
    public const string Password = "VOkJxbRl1RmTxUk/WvJxBt";

    /// <summary>§2.1, §2.2, §2.3: the shared transaction id.</summary>
    public static readonly byte[] TransactionId = TestHex.Parse("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    /// <summary>§2.1 Sample Request: software "STUN test client", username "evtj:h6vY".</summary>
    public static readonly byte[] SampleRequest = TestHex.Parse("""
        00 01 00 58                                      // Request type (Binding request) and message length 88
        21 12 a4 42                                      // Magic cookie
        b7 e7 a7 01 bc 34 d6 86 fa 87 df ae              // Transaction ID
        80 22 00 10                                      // SOFTWARE attribute header, length 16
        53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74  // "STUN test client"
        00 24 00 04                                      // PRIORITY attribute header
        6e 00 01 ff                                      // priority 0x6e0001ff
        80 29 00 08                                      // ICE-CONTROLLED attribute header
        93 2f f9 b1 51 26 3b 36                          // tie breaker 0x932ff9b151263b36
        00 06 00 09                                      // USERNAME attribute header, length 9
        65 76 74 6a 3a 68 36 76 59 20 20 20              // "evtj:h6vY" + 3 bytes of padding (spaces)
        00 08 00 14                                      // MESSAGE-INTEGRITY attribute header
        9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49  // HMAC-SHA1 fingerprint ...
        c1 b5 71 a2                                      // ... last 4 bytes
        80 28 00 04                                      // FINGERPRINT attribute header
        e5 7a 3b cf                                      // CRC32 fingerprint
        """);

    /// <summary>§2.2 Sample IPv4 Response: software "test vector", mapped 192.0.2.1 port 32853.</summary>
    public static readonly byte[] SampleIPv4Response = TestHex.Parse("""
        01 01 00 3c                                      // Response type (Binding success) and message length 60
        21 12 a4 42                                      // Magic cookie
        b7 e7 a7 01 bc 34 d6 86 fa 87 df ae              // Transaction ID
        80 22 00 0b                                      // SOFTWARE attribute header, length 11
        74 65 73 74 20 76 65 63 74 6f 72 20              // "test vector" + 1 byte of padding (space)
        00 20 00 08                                      // XOR-MAPPED-ADDRESS attribute header
        00 01 a1 47                                      // Address family (IPv4) and xor'd mapped port number
        e1 12 a6 43                                      // Xor'd mapped IPv4 address
        00 08 00 14                                      // MESSAGE-INTEGRITY attribute header
        2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53  // HMAC-SHA1 fingerprint ...
        f0 6b e7 d7                                      // ... last 4 bytes
        80 28 00 04                                      // FINGERPRINT attribute header
        c0 7d 4c 96                                      // CRC32 fingerprint
        """);

    /// <summary>§2.3 Sample IPv6 Response: mapped 2001:db8:1234:5678:11:2233:4455:6677 port 32853.</summary>
    public static readonly byte[] SampleIPv6Response = TestHex.Parse("""
        01 01 00 48                                      // Response type (Binding success) and message length 72
        21 12 a4 42                                      // Magic cookie
        b7 e7 a7 01 bc 34 d6 86 fa 87 df ae              // Transaction ID
        80 22 00 0b                                      // SOFTWARE attribute header, length 11
        74 65 73 74 20 76 65 63 74 6f 72 20              // "test vector" + 1 byte of padding (space)
        00 20 00 14                                      // XOR-MAPPED-ADDRESS attribute header
        00 02 a1 47                                      // Address family (IPv6) and xor'd mapped port number
        01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9  // Xor'd mapped IPv6 address
        00 08 00 14                                      // MESSAGE-INTEGRITY attribute header
        a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75  // HMAC-SHA1 fingerprint ...
        bf e3 ed 41                                      // ... last 4 bytes
        80 28 00 04                                      // FINGERPRINT attribute header
        c8 fb 0b 4c                                      // CRC32 fingerprint
        """);

    /// <summary>§2.4: username "マトリックス" (U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9).</summary>
    public const string LongTermUsername = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

    /// <summary>§2.4: the password "The&lt;U+00AD&gt;M&lt;U+00AA&gt;tr&lt;U+2168&gt;" after SASLprep.</summary>
    public const string LongTermPassword = "TheMatrIX";

    public const string LongTermRealm = "example.org";

    public const string LongTermNonce = "f//499k954d6OL34oL9FSTvy64sA";

    /// <summary>§2.4 Sample Request with Long-Term Authentication (no FINGERPRINT).</summary>
    public static readonly byte[] SampleLongTermRequest = TestHex.Parse("""
        00 01 00 60                                      // Request type (Binding request) and message length 96
        21 12 a4 42                                      // Magic cookie
        78 ad 34 33 c6 ad 72 c0 29 da 41 2e              // Transaction ID
        00 06 00 12                                      // USERNAME attribute header, length 18
        e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3  // Username value (18 bytes of UTF-8) ...
        82 b9 00 00                                      // ... and 2 bytes of padding
        00 15 00 1c                                      // NONCE attribute header, length 28
        66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34  // "f//499k954d6OL34" ...
        6f 4c 39 46 53 54 76 79 36 34 73 41              // ... "oL9FSTvy64sA"
        00 14 00 0b                                      // REALM attribute header, length 11
        65 78 61 6d 70 6c 65 2e 6f 72 67 00              // "example.org" + 1 byte of padding
        00 08 00 14                                      // MESSAGE-INTEGRITY attribute header
        f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2  // HMAC-SHA1 fingerprint ...
        8c a8 96 66                                      // ... last 4 bytes
        """);
}
