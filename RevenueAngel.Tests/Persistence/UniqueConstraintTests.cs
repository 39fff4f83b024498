using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

/// Every idempotency rule of the model is a constraint in the database, on both providers: a duplicate is
/// rejected, and a row differing only in the key is accepted (so the test proves that one constraint).
public sealed class UniqueConstraintTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static readonly Dictionary<string, Func<TestGraph, string, object>> Rows = new()
    {
        ["member per company and Whop user"] = (g, key) =>
            new Member { CompanyId = g.Company.Id, WhopUserId = key, CreatedAt = TestGraph.At },
        ["lead per company and email"] = (g, key) =>
            new Lead { CompanyId = g.Company.Id, Email = $"{key}@example.com", Source = "test", CapturedAt = TestGraph.At },
        ["enrollment per playbook, subject and entry"] = (g, key) =>
            new Enrollment { CompanyId = g.Company.Id, PlaybookId = g.Playbook.Id, SubjectId = g.Member.Id, EntryNumber = key == "a" ? 1 : 2 },
        ["send per enrollment and step"] = (g, key) =>
            Send.Schedule(g.Company.Id, g.Playbook.Id, g.Step.Id, key == "a" ? g.Enrollment.Id : -1, MessageChannel.Push, TestGraph.At),
        ["conversion per Whop payment"] = (g, key) =>
            new Conversion { CompanyId = g.Company.Id, WhopPaymentId = $"pay_{g.Company.Id}_{key}", Type = ConversionType.Recovery, RevenueCents = 4900 },
        ["webhook event per webhook id"] = (g, key) =>
            new WebhookEvent { WebhookId = $"msg_{g.Company.Id}_{key}", EventType = "payment.succeeded", Payload = "{}", ReceivedAt = TestGraph.At },
        ["experiment assignment per subject"] = (g, key) =>
            new ExperimentAssignment { CompanyId = g.Company.Id, ExperimentKey = $"holdout:{key}", SubjectId = g.Member.Id, Group = "holdout" },
        // A redelivered event enrols nobody twice: same trigger, different entry number, still rejected.
        ["enrolment per triggering event"] = (g, key) =>
            new Enrollment { CompanyId = g.Company.Id, PlaybookId = g.Playbook.Id, SubjectId = g.Member.Id, EntryNumber = Random.Shared.Next(100, 1_000_000), TriggerKey = $"pay_{key}" },
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in BothProvidersFixture.Providers) foreach (var rule in Rows.Keys) data.Add(provider, rule);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DuplicateIsRejectedAndADistinctKeyIsAccepted(string provider, string rule)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext())
        {
            graph = await TestGraph.CreateAsync(db);
            var original = Rows[rule](graph, "a");
            // The graph's own send and enrollment are the originals for these two rules.
            if (rule.StartsWith("send", StringComparison.Ordinal) is false && rule.StartsWith("enrollment", StringComparison.Ordinal) is false)
            {
                db.Add(original);
                await db.SaveChangesAsync(ct);
            }
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            db.Add(Rows[rule](graph, "a"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
        }

        if (rule.StartsWith("send", StringComparison.Ordinal))
        {
            // A distinct key for a send needs a second enrollment to point at.
            await using var setup = hosts[provider].CreateDbContext();
            var second = new Enrollment { CompanyId = graph.Company.Id, PlaybookId = graph.Playbook.Id, SubjectId = graph.Member.Id, EntryNumber = 2 };
            setup.Add(second);
            await setup.SaveChangesAsync(ct);
            setup.Add(Send.Schedule(graph.Company.Id, graph.Playbook.Id, graph.Step.Id, second.Id, MessageChannel.Push, TestGraph.At));
            await setup.SaveChangesAsync(ct);
            return;
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            db.Add(Rows[rule](graph, "b"));
            await db.SaveChangesAsync(ct);
        }
    }
}
