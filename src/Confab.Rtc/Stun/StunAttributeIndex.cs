namespace Confab.Rtc.Stun;

/// <summary>
/// Offsets (of the attribute header, -1 when absent) of the attributes a message view answers
/// for directly. Only the first occurrence of each type counts.
/// </summary>
internal struct StunAttributeIndex
{
    public int Username = -1;
    public int MessageIntegrity = -1;
    public int Fingerprint = -1;
    public int ErrorCode = -1;
    public int UnknownAttributes = -1;
    public int XorMappedAddress = -1;
    public int MappedAddress = -1;
    public int Priority = -1;
    public int UseCandidate = -1;
    public int IceControlling = -1;
    public int IceControlled = -1;
    public int Realm = -1;
    public int Nonce = -1;
    public int Software = -1;
    public int FirstUnknownRequired = -1;

    public StunAttributeIndex()
    {
    }

    /// <summary>Notes one attribute; false when the message must be rejected.</summary>
    public bool Record(ushort type, int offset, int valueLength)
    {
        if (type == StunAttributeType.Fingerprint)
        {
            if (valueLength != StunConstants.FingerprintSize)
            {
                return false;
            }

            Fingerprint = offset;
            return true;
        }

        if (MessageIntegrity >= 0)
        {
            // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY, except FINGERPRINT, are ignored.
            return true;
        }

        switch (type)
        {
            case StunAttributeType.MessageIntegrity:
                if (valueLength != StunConstants.MessageIntegritySize)
                {
                    return false;
                }

                MessageIntegrity = offset;
                break;
            case StunAttributeType.Username: SetFirst(ref Username, offset); break;
            case StunAttributeType.ErrorCode: SetFirst(ref ErrorCode, offset); break;
            case StunAttributeType.UnknownAttributes: SetFirst(ref UnknownAttributes, offset); break;
            case StunAttributeType.XorMappedAddress: SetFirst(ref XorMappedAddress, offset); break;
            case StunAttributeType.MappedAddress: SetFirst(ref MappedAddress, offset); break;
            case StunAttributeType.Priority: SetFirst(ref Priority, offset); break;
            case StunAttributeType.UseCandidate: SetFirst(ref UseCandidate, offset); break;
            case StunAttributeType.IceControlling: SetFirst(ref IceControlling, offset); break;
            case StunAttributeType.IceControlled: SetFirst(ref IceControlled, offset); break;
            case StunAttributeType.Realm: SetFirst(ref Realm, offset); break;
            case StunAttributeType.Nonce: SetFirst(ref Nonce, offset); break;
            case StunAttributeType.Software: SetFirst(ref Software, offset); break;
            default:
                if (StunAttributeType.IsComprehensionRequired(type) && !StunAttributeType.IsKnownComprehensionRequired(type))
                {
                    SetFirst(ref FirstUnknownRequired, offset);
                }

                break;
        }

        return true;
    }

    private static void SetFirst(ref int slot, int offset)
    {
        if (slot < 0)
        {
            slot = offset;
        }
    }
}
