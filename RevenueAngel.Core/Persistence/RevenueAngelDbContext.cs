using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Persistence;

/// The one model of RevenueAngel. Each provider has a thin subclass with its own migrations.
/// <remarks>
/// Add a migration for both providers (from the repository root):
/// <code>
/// dotnet ef migrations add &lt;Name&gt; --project RevenueAngel.Core --context PostgresRevenueAngelDbContext --output-dir Persistence/Migrations/Postgres
/// dotnet ef migrations add &lt;Name&gt; --project RevenueAngel.Core --context SqliteRevenueAngelDbContext --output-dir Persistence/Migrations/Sqlite
/// </code>
/// or run <c>scripts/add-migration.sh &lt;Name&gt;</c>.
/// </remarks>
public abstract class RevenueAngelDbContext(DbContextOptions options) : DbContext(options)
{
    /// The provider's SQL for what the two write differently; the one place outside migrations that knows the provider.
    internal abstract Dialects.ISqlDialect Dialect { get; }

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<MemberCount> MemberCounts => Set<MemberCount>();
    public DbSet<MembershipCount> MembershipCounts => Set<MembershipCount>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Playbook> Playbooks => Set<Playbook>();
    public DbSet<PlaybookStep> PlaybookSteps => Set<PlaybookStep>();
    public DbSet<PlaybookStepVariant> PlaybookStepVariants => Set<PlaybookStepVariant>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Send> Sends => Set<Send>();
    public DbSet<Analytics.SendHourlyCount> SendHourlyCounts => Set<Analytics.SendHourlyCount>();
    public DbSet<Analytics.EnrollmentHourlyCount> EnrollmentHourlyCounts => Set<Analytics.EnrollmentHourlyCount>();
    public DbSet<Analytics.SendChannelHourlyCount> SendChannelHourlyCounts => Set<Analytics.SendChannelHourlyCount>();
    public DbSet<Analytics.ConversionHourlyCount> ConversionHourlyCounts => Set<Analytics.ConversionHourlyCount>();
    public DbSet<Conversion> Conversions => Set<Conversion>();
    public DbSet<RevenueAdjustment> RevenueAdjustments => Set<RevenueAdjustment>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<ExperimentAssignment> ExperimentAssignments => Set<ExperimentAssignment>();
    public DbSet<Dunning.PaymentRetry> PaymentRetries => Set<Dunning.PaymentRetry>();
    public DbSet<Offers.SaveOffer> SaveOffers => Set<Offers.SaveOffer>();
    public DbSet<Offers.OfferCall> OfferCalls => Set<Offers.OfferCall>();
    public DbSet<Email.EmailSuppression> EmailSuppressions => Set<Email.EmailSuppression>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RevenueAngelDbContext).Assembly);
}
