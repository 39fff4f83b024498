using Microsoft.Extensions.Options;
using Quartz;
using RevenueAngel.Core.Whop;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Jobs;

public static class JobsRegistration
{
    /// Quartz in this process. On PostgreSQL its clustered job store makes each trigger fire once across
    /// replicas; on the embedded SQLite demo there is one process, so the in-memory store is enough.
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        builder.Services.AddQuartz(q =>
        {
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering();
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            q.ScheduleJob<CompanySyncJob>(
                (sp, trigger) => trigger
                    .WithIdentity(nameof(CompanySyncJob))
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WhopOptions>>().Value.SyncPollSeconds))
                        .RepeatForever()),
                (_, job) => job.WithIdentity(nameof(CompanySyncJob)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddTransient<SyncTrigger>();
        return builder;
    }
}
