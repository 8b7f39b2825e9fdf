using Confab.ChatBench.Measurement;

namespace Confab.ChatBench.Tests.Measurement;

public class DeliveryLedgerTests
{
    private static Guid Id(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);

    [Fact]
    public void A_receiver_that_got_the_acknowledged_messages_under_their_ids_has_the_senders_fingerprint_in_any_order()
    {
        var sent = new SendLedger(3);
        var inOrder = new DeliveryLedger(3);
        var reordered = new DeliveryLedger(3);
        var otherIds = new DeliveryLedger(3);
        for (int i = 0; i < 3; i++)
        {
            sent.MarkSent(i, insideWindow: true);
            sent.MarkAcked(i, Id(i));
            inOrder.Record(i, Id(i));
            reordered.Record(2 - i, Id(2 - i));
            otherIds.Record(i, Id(i == 1 ? 2 : i));   // message 1 arrived under message 2's id
        }
        reordered.Record(0, Id(5));                     // a duplicate does not count twice

        Assert.Equal(sent.Fingerprint, inOrder.Fingerprint);
        Assert.Equal(sent.Fingerprint, reordered.Fingerprint);
        Assert.NotEqual(sent.Fingerprint, otherIds.Fingerprint);
    }

    [Fact]
    public void Missing_duplicate_and_unexpected_deliveries_are_told_apart()
    {
        var sent = new SendLedger(6);
        foreach (long sequence in new long[] { 0, 1, 2, 3, 5 })
        {
            sent.MarkSent(sequence, insideWindow: true);
        }
        var ledger = new DeliveryLedger(6);
        ledger.Record(0, Id(0));
        ledger.Record(1, Id(1));
        ledger.Record(1, Id(1));   // a duplicate
        ledger.Record(3, Id(3));
        ledger.Record(4, Id(4));   // never sent
        ledger.Record(9, Id(9));   // outside the run

        Assert.Equal(4, ledger.Distinct);
        Assert.Equal(1, ledger.Duplicates);
        Assert.Equal(1, ledger.Unexpected);
        Assert.Equal(2, ledger.MissingOf(sent));   // 2 and 5
        Assert.Equal(1, ledger.NeverSentOf(sent)); // 4
    }

    [Fact]
    public void Acknowledgements_are_counted_once_and_refusals_by_code()
    {
        var sent = new SendLedger(3);
        sent.MarkSent(0, insideWindow: false);
        sent.MarkSent(1, insideWindow: true);
        sent.MarkSent(2, insideWindow: true);
        Assert.True(sent.MarkAcked(0, Id(0)));
        Assert.False(sent.MarkAcked(0, Id(0)));
        Assert.False(sent.MarkAcked(7, Id(7)));
        sent.MarkRefused("rate-limited");
        sent.MarkRefused("rate-limited");

        Assert.Equal(3, sent.SentCount);
        Assert.Equal(2, sent.SentInWindow);
        Assert.Equal(1, sent.AckedCount);
        Assert.Equal(2, sent.Unacknowledged());
        Assert.Equal(2, sent.RefusalCodes["rate-limited"]);
    }
}
