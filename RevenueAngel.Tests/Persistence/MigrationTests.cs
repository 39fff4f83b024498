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
    public async Task ConversionsRecordedBeforeTheAttributedPlaybookColumnsGetTheirSendsPlaybookAndStep(string provider)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var companyId = $"biz_mig_{Guid.NewGuid():N}"[..20];
        long sendId, playbookId, stepId;
        await using (var db = hosts[provider].CreateDbContext())
        {
            db.Companies.Add(new Core.Companies.Company { Id = companyId, Name = "Migrated", InstalledAt = DateTimeOffset.UtcNow });
            var template = new Core.Messaging.MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi", Body = "Body" };
            db.Add(template);
            await db.SaveChangesAsync(ct);
            var playbook = new Core.Playbooks.Playbook { CompanyId = companyId, Name = "Recovery", Type = Core.Playbooks.PlaybookType.ChurnSave, CreatedAt = DateTimeOffset.UtcNow };
            playbook.Steps.Add(new Core.Playbooks.PlaybookStep { Position = 1, Channel = Core.Messaging.MessageChannel.Push, TemplateId = template.Id });
            var member = new Core.Members.Member { CompanyId = companyId, WhopUserId = "user_m", CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(playbook, member);
            await db.SaveChangesAsync(ct);
            var enrollment = new Core.Playbooks.Enrollment { CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = member.Id, EnteredAt = DateTimeOffset.UtcNow };
            db.Add(enrollment);
            await db.SaveChangesAsync(ct);
            var send = Core.Dispatch.Send.Schedule(companyId, playbook.Id, playbook.Steps[0].Id, enrollment.Id, Core.Messaging.MessageChannel.Push, DateTimeOffset.UtcNow);
            db.Add(send);
            await db.SaveChangesAsync(ct);
            db.Conversions.Add(new Core.Attribution.Conversion
            {
                CompanyId = companyId, MemberId = member.Id, WhopPaymentId = $"pay_{companyId}", RevenueCents = 1900, AttributedSendId = send.Id,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(ct);
            (sendId, playbookId, stepId) = (send.Id, playbook.Id, playbook.Steps[0].Id);
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
            var conversion = await db.Conversions.SingleAsync(c => c.CompanyId == companyId, ct);
            Assert.Equal((sendId, playbookId, stepId), (conversion.AttributedSendId, conversion.AttributedPlaybookId, conversion.AttributedStepId));
        }
    }
}
