namespace Confab.Rtc.Stun;

/// <summary>
/// Where the attributes a message view answers for directly start: each slot holds the offset of
/// the attribute header plus one, so 0 (also what a default value holds) means absent. Only the
/// first occurrence of each type counts.
/// </summary>
internal struct StunAttributeIndex
{
    public int Username;
    public int MessageIntegrity;
    public int Fingerprint;
    public int ErrorCode;
    public int UnknownAttributes;
    public int XorMappedAddress;
    public int MappedAddress;
    public int Priority;
    public int UseCandidate;
    public int IceControlling;
    public int IceControlled;
    public int Realm;
    public int Nonce;
    public int Software;
    public int FirstUnknownRequired;

    /// <summary>Notes one attribute; false when the message must be rejected.</summary>
    public bool Record(ushort type, int offset, int valueLength)
    {
        if (type == StunAttributeType.Fingerprint)
        {
            if (valueLength != StunConstants.FingerprintSize)
            {
                return false;
            }

            Fingerprint = offset + 1;
            return true;
        }

        if (MessageIntegrity != 0)
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

                MessageIntegrity = offset + 1;
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
        if (slot == 0)
        {
            slot = offset + 1;
        }
    }
}
