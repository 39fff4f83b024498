using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

public sealed class MigrationTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static readonly string[] SharedTables =
    [
        "companies", "members", "memberships", "plans", "payments", "leads", "playbooks", "playbook_steps",
        "message_templates", "enrollments", "sends", "conversions", "webhook_events", "experiment_assignments",
    ];

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EveryMigrationIsAppliedAtStartupToAnEmptyDatabase(string provider)
    {
        await using var db = hosts[provider].CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes no migration captures: run scripts/add-migration.sh.");
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task TablesAndColumnsHaveTheSnakeCaseNamesOtherToolsRead(string provider)
    {
        await using var db = hosts[provider].CreateDbContext();
        var tableQuery = provider == BothProvidersFixture.Postgres
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'";
        var tables = await db.Database.SqlQueryRaw<string>(tableQuery).ToListAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.All(SharedTables, table => Assert.Contains(table, tables));
        var sendColumns = db.Model.FindEntityType(typeof(Core.Dispatch.Send))!.GetProperties().Select(p => p.GetColumnName()).ToList();
        Assert.Contains("scheduled_for", sendColumns);
        Assert.Contains("clicked_at", sendColumns);
        Assert.Contains("external_id", sendColumns);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    // Down to before the attributed playbook columns, then up again: what the migrations derive from existing rows
    // (a conversion's playbook and step, the hourly send counts, the member counts) is rebuilt from them.
    public async Task MigrationsRebuildWhatTheyDeriveFromExistingRows(string provider)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        TestGraph graph;
        await using (var db = hosts[provider].CreateDbContext())
        {
            graph = await TestGraph.CreateAsync(db);
            db.Conversions.Add(new Core.Attribution.Conversion
            {
                CompanyId = graph.Company.Id, MemberId = graph.Member.Id, WhopPaymentId = $"pay_{graph.Company.Id}", RevenueCents = 1900,
                AttributedSendId = graph.Send.Id, CreatedAt = TestGraph.At,
            });
            await db.SaveChangesAsync(ct);
            await db.Sends.Where(s => s.Id == graph.Send.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.SentAt, TestGraph.At.AddMinutes(5)).SetProperty(s => s.ClickedAt, TestGraph.At.AddMinutes(9)), ct);
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.Single(m => m.EndsWith("_AttributedPlaybookOnConversions", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[migrations.IndexOf(added) - 1], cancellationToken: ct);
            await migrator.MigrateAsync(cancellationToken: ct);
        }

        await using (var db = hosts[provider].CreateDbContext())
        {
            var conversion = await db.Conversions.SingleAsync(c => c.CompanyId == graph.Company.Id, ct);
            Assert.Equal((graph.Send.Id, graph.Playbook.Id, graph.Step.Id),
                (conversion.AttributedSendId, conversion.AttributedPlaybookId, conversion.AttributedStepId));
            var counted = await db.SendHourlyCounts.SingleAsync(c => c.CompanyId == graph.Company.Id, ct);
            Assert.Equal((TestGraph.At, 1, 1), (counted.Hour, counted.Sent, counted.Clicked));
            var enrolled = await db.EnrollmentHourlyCounts.SingleAsync(c => c.CompanyId == graph.Company.Id, ct);
            Assert.Equal((TestGraph.At, graph.Playbook.Id, "", 1, 0, 0),
                (enrolled.Hour, enrolled.PlaybookId, enrolled.Group, enrolled.Entered, enrolled.Converted, enrolled.Ended));
            Assert.Equal(await db.Members.CountAsync(m => m.CompanyId == graph.Company.Id, ct),
                await db.MemberCounts.Where(c => c.CompanyId == graph.Company.Id).Select(c => c.Members).SingleAsync(ct));
        }
    }
}
