using System.Net;
using Confab.Rtc.Sdp;

namespace Confab.Sfu.Negotiation;

/// <summary>What the SFU side of a transport announces in SDP: ICE credentials, DTLS fingerprint, host candidates.</summary>
public sealed record LocalTransportParameters(string IceUfrag, string IcePwd, SdpFingerprint Fingerprint, IReadOnlyList<IPEndPoint> Candidates);
