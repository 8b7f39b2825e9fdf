using System.Text;
using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

/// <summary>
/// Property test: random damage to the Chromium fixtures (lines dropped, duplicated, swapped,
/// characters flipped, text cut) never makes the parser, the writer or the answer builder throw,
/// and whatever the parser accepts is written to text that parses back to the same text.
/// </summary>
public class SdpMutationTests
{
    private const int Iterations = 2000;
    private static readonly string[] Fixtures =
    [
        .. ChromiumOffers.All, CapturedChromiumOffers.AudioVideo, CapturedChromiumOffers.Simulcast,
        CapturedChromiumReceiveOffers.RecvOnly, CapturedChromiumReceiveOffers.DataChannel,
    ];

    private const string FlipCharacters = "=: ;,/~-*0123456789aAzZ\0\r\n\t\u00e9\u2028";

    [Fact]
    public void RandomMutationsOfFixturesNeverThrow()
    {
        var random = new Random(12345);
        var options = new AnswerOptions
        {
            IceUfrag = "sfu1",
            IcePwd = "abcdefghijklmnopqrstuvwx",
            Fingerprint = new SdpFingerprint("sha-256", "AB:CD"),
            AcceptDataChannel = true,
            SendByDefault = true,
        };
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < Iterations; i++)
        {
            string fixture = Fixtures[random.Next(Fixtures.Length)];
            string mutated = Mutate(fixture, random);

            if (!SdpParser.TryParse(mutated, out SessionDescription? sdp, out string? error))
            {
                Assert.False(string.IsNullOrEmpty(error));
                refused++;
                continue;
            }
            accepted++;
            string written = SdpWriter.Write(sdp);
            Assert.True(SdpParser.TryParse(written, out SessionDescription? reparsed, out string? reparseError),
                $"iteration {i}: written text does not parse back: {reparseError}\n{written}");
            Assert.Equal(written, SdpWriter.Write(reparsed));
            if (AnswerBuilder.TryBuild(sdp, options, out SessionDescription? answer, out _))
            {
                Assert.True(SdpParser.TryParse(SdpWriter.Write(answer), out _, out string? answerError), answerError);
            }
        }
        Assert.True(accepted > 100, $"only {accepted} mutations were accepted");
        Assert.True(refused > 100, $"only {refused} mutations were refused");
    }

    [Fact]
    public void RandomLinesNeverThrow()
    {
        var random = new Random(12345);
        const string letters = "vosticbmaxk";
        const string valueCharacters = "abcmidrtpmapfmtpextmapcandidatesimulcast0123456789 :/;,=~*-.\t\u00e9";
        int refused = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var b = new StringBuilder("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n");
            int lineCount = random.Next(1, 30);
            for (int line = 0; line < lineCount; line++)
            {
                b.Append(letters[random.Next(letters.Length)]).Append('=');
                int length = random.Next(0, 40);
                for (int c = 0; c < length; c++)
                {
                    b.Append(valueCharacters[random.Next(valueCharacters.Length)]);
                }
                b.Append('\n');
            }
            if (!SdpParser.TryParse(b.ToString(), out SessionDescription? sdp, out _))
            {
                refused++;
                continue;
            }
            Assert.True(SdpParser.TryParse(SdpWriter.Write(sdp), out _, out string? error), error);
        }
        Assert.True(refused > 0);
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int operations = random.Next(1, 4);
        for (int op = 0; op < operations && lines.Count > 1; op++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(random.Next(lines.Count), lines[at]);
                    break;
                case 2:
                    int other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3:
                    lines[at] = Flip(lines[at], random);
                    break;
                case 4:
                    lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                    break;
                default:
                    lines[at] = InsertDigits(lines[at], random);
                    break;
            }
        }
        return string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
    }

    private static string Flip(string line, Random random)
    {
        if (line.Length == 0)
        {
            return line;
        }
        var b = new StringBuilder(line);
        char replacement = random.Next(3) == 0 ? (char)random.Next(0x20, 0x7f) : FlipCharacters[random.Next(FlipCharacters.Length)];
        b[random.Next(b.Length)] = replacement;
        return b.ToString();
    }

    private static string InsertDigits(string line, Random random)
    {
        string digits = random.Next(3) switch
        {
            0 => "9",
            1 => "99999999999",
            _ => "4294967296",
        };
        return line.Insert(random.Next(line.Length + 1), digits);
    }
}
