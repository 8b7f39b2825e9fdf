using Confab.Server.Signaling;

namespace Confab.Server.Tests.Units;

public sealed class VerifiedPasscodesTests
{
    private const string Hash = "AQAAAAIAAYagAAAAEstoredhash";

    [Fact]
    public void A_passcode_is_known_only_after_it_is_remembered_and_only_for_its_meeting_and_hash()
    {
        var verified = new VerifiedPasscodes();
        Assert.False(verified.Knows("12345678901", Hash, "123456"));

        verified.Remember("12345678901", Hash, "123456");

        Assert.True(verified.Knows("12345678901", Hash, "123456"));
        Assert.False(verified.Knows("12345678901", Hash, "123457")); // a wrong passcode
        Assert.False(verified.Knows("12345678901", Hash, "")); // none
        Assert.False(verified.Knows("12345678902", Hash, "123456")); // another meeting
        Assert.False(verified.Knows("12345678901", Hash + "x", "123456")); // the passcode was changed
    }

    [Fact]
    public void Fields_do_not_run_into_each_other()
    {
        var verified = new VerifiedPasscodes();
        verified.Remember("1", "2" + Hash, "3");

        Assert.False(verified.Knows("12", Hash, "3"));
        Assert.False(verified.Knows("1", "2" + Hash[..^1], Hash[^1] + "3"));
    }

    [Fact]
    public void A_meeting_remembers_its_latest_passcode()
    {
        var verified = new VerifiedPasscodes();
        verified.Remember("12345678901", Hash, "111111");
        verified.Remember("12345678901", "other", "222222");

        Assert.False(verified.Knows("12345678901", Hash, "111111"));
        Assert.True(verified.Knows("12345678901", "other", "222222"));
    }

    [Fact]
    public void Past_its_capacity_the_memory_starts_over()
    {
        var verified = new VerifiedPasscodes();
        for (int i = 0; i < VerifiedPasscodes.Capacity; i++)
        {
            verified.Remember($"m{i}", Hash, "123456");
        }
        Assert.True(verified.Knows("m0", Hash, "123456"));

        verified.Remember("latest", Hash, "123456");

        Assert.False(verified.Knows("m0", Hash, "123456"));
        Assert.True(verified.Knows("latest", Hash, "123456"));
    }
}
