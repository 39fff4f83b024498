using Microsoft.Extensions.Options;
using Quartz;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Webhooks;
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
            // Stopping cancels the running jobs' tokens and waits for them: dispatch puts back the sends it has not tried.
            q.ConfigureScheduler(s => s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs);
            Every<CompanySyncJob>(q, sp => sp.GetRequiredService<IOptions<WhopOptions>>().Value.SyncPollSeconds, startNow: true);
            Every<PlaybookSchedulerJob>(q, sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value.SchedulerSeconds);
            Every<DispatchJob>(q, sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value.PollSeconds);
            Every<WebhookProcessingJob>(q, sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.PollSeconds);
            Every<WebhookRetentionJob>(q, _ => (int)TimeSpan.FromDays(1).TotalSeconds);
            Every<StepWinnerJob>(q, _ => (int)TimeSpan.FromHours(1).TotalSeconds);
            Every<PaymentRetryJob>(q, _ => (int)TimeSpan.FromHours(1).TotalSeconds);
            Every<OfferMaintenanceJob>(q, sp => sp.GetRequiredService<IOptions<OffersOptions>>().Value.MaintenanceSeconds);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddTransient<SyncTrigger>();
        builder.Services.AddTransient<WebhookWakeUp>();
        builder.Services.AddTransient<IFirstSyncStarter, FirstSyncWakeUp>();
        return builder;
    }

    /// A repeating job; unless <paramref name="startNow"/>, its first run waits one interval (the app is still starting).
    private static void Every<TJob>(IQuartzBuilder quartz, Func<IServiceProvider, int> seconds, bool startNow = false) where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            (sp, trigger) => trigger
                .WithIdentity(typeof(TJob).Name)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(startNow ? 0 : seconds(sp)))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(seconds(sp))).RepeatForever()),
            (_, job) => job.WithIdentity(typeof(TJob).Name));
}
