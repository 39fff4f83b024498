using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Email;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Tests.Email;

/// Email on the dispatcher's engine, over a real SMTP conversation with an in-process server.
public sealed class EmailDispatchTests(EmailAppFixture app) : IClassFixture<EmailAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Task<DispatchRun> DispatchAsync() => app.Get<Dispatcher>().RunAsync(Ct);

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..24] + "@example.org";

    [Fact]
    public async Task AnEmailToAConsentingLeadCarriesItsHeadersBothPartsThePostalFooterAndATrackedLink()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = Unique("sam");
        var lead = await scenario.LeadAsync(address);
        var send = (await scenario.EnrollAsync(await scenario.NurtureAsync(), lead)).Single();

        Assert.Equal(1, (await DispatchAsync()).Sent);

        var email = Assert.Single(app.Smtp.To(address));
        Assert.Equal("Growth Lab", email.From.Mailboxes.Single().Name);
        Assert.Equal("hello@mail.revenueangel.test", email.From.Mailboxes.Single().Address);
        Assert.Equal("coach@growthlab.example", email.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal($"ra-send-{send.Id}@mail.revenueangel.test", email.MessageId);
        Assert.Equal("Your first week at Growth Lab", email.Subject);
        var unsubscribe = email.Headers["List-Unsubscribe"]!;
        Assert.Matches($"^<{EmailAppFixture.PublicBaseUrl}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);

        var stored = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, MessageChannel.Email, email.MessageId), (stored.Status, stored.Channel, stored.ExternalId));
        var tracked = $"{EmailAppFixture.PublicBaseUrl}/r/{stored.ClickToken}";
        Assert.Contains("<strong>welcome</strong>", email.HtmlBody);
        Assert.Contains(tracked, email.HtmlBody);
        Assert.Contains("Three things to try first", email.HtmlBody);
        Assert.Contains(EmailScenario.PostalAddress, email.HtmlBody);
        Assert.Contains(unsubscribe.Trim('<', '>'), email.HtmlBody);
        Assert.Contains("Hi Sam, welcome to Growth Lab.", email.TextBody);
        Assert.Contains($"Start here: {tracked}", email.TextBody);
        Assert.Contains(EmailScenario.PostalAddress, email.TextBody);
        Assert.Contains($"Unsubscribe: {unsubscribe.Trim('<', '>')}", email.TextBody);
    }

    [Fact]
    public async Task TheCreatorsMarkdownCannotInjectHtmlOrScriptLinks()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = Unique("raw");
        var lead = await scenario.LeadAsync(address);
        await scenario.EnrollAsync(await scenario.NurtureAsync(body: "<script>alert(1)</script> [tap](javascript:alert(2)) <b>bold</b>"), lead);

        await DispatchAsync();

        var html = Assert.Single(app.Smtp.To(address)).HtmlBody;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task A4xxIsRetriedOnTheDispatchersScheduleAndThenDeliveredOnce()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = Unique("retry");
        var lead = await scenario.LeadAsync(address);
        var send = (await scenario.EnrollAsync(await scenario.NurtureAsync(), lead)).Single();
        app.Smtp.FailNext(2, 451);

        await DispatchAsync();
        var first = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Scheduled, 1), (first.Status, first.Attempts));
        Assert.Contains("451", first.LastError);
        var wait = app.Get<IOptions<DispatchOptions>>().Value.RetryWait(1);
        Assert.Equal(app.Time.GetUtcNow() + wait, first.ScheduledFor);

        app.Time.Advance(wait);
        await DispatchAsync();
        var second = await scenario.Company.ReloadAsync(send.Id);
        app.Time.Advance(second.ScheduledFor - app.Time.GetUtcNow());
        await DispatchAsync();

        var delivered = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 3), (delivered.Status, delivered.Attempts));
        Assert.Single(app.Smtp.To(address));
    }

    [Fact]
    public async Task A5xxForTheRecipientFailsTheSendAndSuppressesTheAddressSoNoPlaybookEmailsItAgain()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = Unique("bounce");
        app.Smtp.Rejected[address] = true;
        var lead = await scenario.LeadAsync(address);
        var send = (await scenario.EnrollAsync(await scenario.NurtureAsync(), lead)).Single();

        await DispatchAsync();

        var failed = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains("550", failed.LastError);
        await using (var db = app.App.CreateDbContext())
        {
            var suppression = await db.EmailSuppressions.SingleAsync(s => s.CompanyId == scenario.CompanyId, Ct);
            Assert.Equal((address, SuppressionReason.HardBounce), (suppression.Address, suppression.Reason));
        }

        app.Smtp.Rejected.Clear();
        var other = (await scenario.EnrollAsync(await scenario.NurtureAsync(priority: 30), lead)).Single();
        await DispatchAsync();
        var skipped = await scenario.Company.ReloadAsync(other.Id);
        Assert.Equal(SendStatus.Canceled, skipped.Status);
        Assert.Contains("suppression list", skipped.LastError);
        Assert.Empty(app.Smtp.To(address));
    }

    [Fact]
    public async Task ALeadWithoutEmailConsentIsSkippedWithTheReason()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var address = Unique("noconsent");
        var lead = await scenario.LeadAsync(address, consent: false);
        var send = (await scenario.EnrollAsync(await scenario.NurtureAsync(), lead)).Single();

        await DispatchAsync();

        var skipped = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Canceled, skipped.Status);
        Assert.Contains("no email consent", skipped.LastError);
        Assert.Empty(app.Smtp.To(address));
    }

    [Fact]
    public async Task PushElseEmailTakesPushWhenTheLeadHasAWhopAccountAndEmailWhenItHasNone()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var emailOnly = await scenario.LeadAsync(Unique("webonly"));
        var onWhop = await scenario.LeadAsync(Unique("onwhop"), whopUserId: $"user_{Guid.NewGuid():N}"[..20]);
        var playbook = await scenario.NurtureAsync(steps: [(MessageChannel.Push, MessageChannel.Email)]);
        var sends = await scenario.EnrollAsync(playbook, emailOnly, onWhop);

        Assert.Equal(2, (await DispatchAsync()).Sent);

        Assert.Equal(MessageChannel.Email, (await scenario.Company.ReloadAsync(sends[0].Id)).Channel);
        Assert.Single(app.Smtp.To(emailOnly.Email!));
        Assert.Equal(MessageChannel.Push, (await scenario.Company.ReloadAsync(sends[1].Id)).Channel);
        Assert.Empty(app.Smtp.To(onWhop.Email!));
        Assert.Single(scenario.Company.Deliveries("notification"));
    }

    [Fact]
    public async Task TheFrequencyCapCountsPushAndEmailTogether()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        await using (var db = app.App.CreateDbContext())
        {
            await db.Companies.Where(c => c.Id == scenario.CompanyId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.FrequencyCapMessages, 1).SetProperty(c => c.FrequencyCapDays, 1), Ct);
        }
        var lead = await scenario.LeadAsync(Unique("capped"), whopUserId: $"user_{Guid.NewGuid():N}"[..20]);
        var sends = await scenario.EnrollAsync(await scenario.NurtureAsync(steps: [(MessageChannel.Push, null), (MessageChannel.Email, null)]), lead);

        var run = await DispatchAsync();

        // Both are due at once: whichever goes first, the other waits for the cap, whatever its channel.
        Assert.Equal((1, 1), (run.Sent, run.Deferred));
        var states = new[] { await scenario.Company.ReloadAsync(sends[0].Id), await scenario.Company.ReloadAsync(sends[1].Id) };
        Assert.Single(states, s => s.Status == SendStatus.Sent);
        var deferred = Assert.Single(states, s => s.Status == SendStatus.Scheduled);
        Assert.Contains("frequency cap", deferred.LastError);
        Assert.Equal(1, app.Smtp.To(lead.Email!).Count + scenario.Company.Deliveries("notification").Count);
    }

    [Fact]
    public async Task WithoutAPostalAddressAnEmailWaitsInsteadOfGoingOutWithoutTheFooter()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        await using (var db = app.App.CreateDbContext())
        {
            await db.Companies.Where(c => c.Id == scenario.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.PostalAddress, (string?)null), Ct);
        }
        var lead = await scenario.LeadAsync(Unique("nopostal"));
        var send = (await scenario.EnrollAsync(await scenario.NurtureAsync(), lead)).Single();

        await DispatchAsync();

        var waiting = await scenario.Company.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Scheduled, waiting.Status);
        Assert.Contains("postal address", waiting.LastError);
        Assert.Empty(app.Smtp.To(lead.Email!));
    }

    internal static string UnsubscribePath(MimeMessage email) => new Uri(email.Headers["List-Unsubscribe"]!.Trim('<', '>')).AbsolutePath;
}
