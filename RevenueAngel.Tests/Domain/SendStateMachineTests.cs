using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Tests.Domain;

public sealed class SendStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static Send NewSend() => Send.Schedule("biz_1", 1, 2, 3, MessageChannel.Push, Now);

    [Fact]
    public void ScheduledSendIsClaimedThenSent()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.MarkSent(Now.AddSeconds(5), "msg_1");

        Assert.Equal(SendStatus.Sent, send.Status);
        Assert.Equal(1, send.Attempts);
        Assert.Equal("msg_1", send.ExternalId);
        Assert.Null(send.LeaseExpiresAt);
    }

    [Fact]
    public void ExpiredLeaseMakesTheSendUnknownAndItIsNeverClaimedAgain()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.MarkUnknown();

        Assert.Equal(SendStatus.Unknown, send.Status);
        Assert.Throws<InvalidOperationException>(() => send.Claim(Now.AddMinutes(10)));
        Assert.Throws<InvalidOperationException>(() => send.MarkSent(Now, null));
    }

    [Fact]
    public void DeferredSendReturnsToScheduledAtTheNewTime()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.Defer(Now.AddHours(9), "quiet hours");

        Assert.Equal(SendStatus.Scheduled, send.Status);
        Assert.Equal(Now.AddHours(9), send.ScheduledFor);
        Assert.Equal("quiet hours", send.LastError);
        send.Claim(Now.AddHours(9).AddMinutes(2));
        Assert.Equal(0, send.Attempts);
    }

    [Fact]
    public void TransientErrorCountsAnAttemptAndReschedules()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.Retry(Now.AddMinutes(1), "503 from Whop");

        Assert.Equal(SendStatus.Scheduled, send.Status);
        Assert.Equal(1, send.Attempts);
        Assert.Equal(Now.AddMinutes(1), send.ScheduledFor);
        Assert.Throws<InvalidOperationException>(() => send.Retry(Now, "not claimed"));
    }

    [Fact]
    public void ClaimedSendCanStillBeCanceledBeforeWhopIsCalled()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.Cancel("goal reached");

        Assert.Equal(SendStatus.Canceled, send.Status);
        Assert.Null(send.LeaseExpiresAt);
        Assert.Throws<InvalidOperationException>(() => send.MarkSent(Now, null));
    }

    [Fact]
    public void OnlyAScheduledOrClaimedSendCanBeCanceled()
    {
        var scheduled = NewSend();
        scheduled.Cancel();
        Assert.Equal(SendStatus.Canceled, scheduled.Status);
        Assert.Throws<InvalidOperationException>(() => scheduled.Claim(Now));

        var sent = NewSend();
        sent.Claim(Now);
        sent.MarkSent(Now, null);
        Assert.Throws<InvalidOperationException>(() => sent.Cancel());
    }

    [Fact]
    public void FailedSendKeepsItsReason()
    {
        var send = NewSend();
        send.Claim(Now);
        send.Fail("403 missing permission notification:create");

        Assert.Equal(SendStatus.Failed, send.Status);
        Assert.Equal("403 missing permission notification:create", send.LastError);
        Assert.Throws<InvalidOperationException>(() => send.Defer(Now.AddHours(1)));
    }

    [Fact]
    public void ClickKeepsTheFirstTimeAndCountsEveryClick()
    {
        var send = NewSend();
        Assert.Throws<InvalidOperationException>(() => send.RecordClick(Now));

        send.Claim(Now);
        send.MarkSent(Now, null);
        send.RecordClick(Now.AddMinutes(5));
        send.RecordClick(Now.AddMinutes(9));

        Assert.Equal(Now.AddMinutes(5), send.ClickedAt);
        Assert.Equal(2, send.ClickCount);
    }

    [Fact]
    public void ACallStartedIsForgottenWhenTheSendGoesBackToScheduledWithItsAttempts()
    {
        var send = NewSend();
        send.Claim(Now.AddMinutes(2));
        send.BeginCall(Now.AddSeconds(1), Now.AddMinutes(7));
        Assert.Equal((Now.AddSeconds(1), Now.AddMinutes(7)), (send.CallStartedAt, send.LeaseExpiresAt));

        send.Retry(Now.AddMinutes(1), "503");

        Assert.Equal((SendStatus.Scheduled, 1, null, null), (send.Status, send.Attempts, send.CallStartedAt, send.LeaseExpiresAt));
        Assert.Throws<InvalidOperationException>(() => send.BeginCall(Now, Now.AddMinutes(5)));
    }
}
