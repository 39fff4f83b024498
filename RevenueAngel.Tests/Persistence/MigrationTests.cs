using Microsoft.EntityFrameworkCore;
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
}
