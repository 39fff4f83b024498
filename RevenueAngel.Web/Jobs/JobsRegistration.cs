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
        var cluster = ClusterSettings(builder);
        builder.Services.AddQuartz(q =>
        {
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(cluster.ClusterCheckinSeconds);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(cluster.ClusterCheckinMisfireSeconds);
                    });
                    store.ConfigureStore(s => s.MisfireThreshold = TimeSpan.FromSeconds(cluster.MisfireThresholdSeconds));
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            q.ConfigureScheduler(s =>
            {
                // Every replica keeps Quartz's default scheduler name: nodes form one cluster by sharing it. Each
                // needs an id of its own; AUTO derives one from the host name and the start time.
                if (cluster.InstanceId == JobsOptions.AutoInstanceId) s.GenerateInstanceId = true;
                else s.InstanceId = cluster.InstanceId;
                s.IdleWaitTime = TimeSpan.FromSeconds(cluster.IdleWaitSeconds);
                // Stopping cancels the running jobs' tokens and waits for them: dispatch puts back the sends it has not tried.
                s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.AddJobListener(sp => new JobFiringLog(sp.GetRequiredService<ILogger<JobFiringLog>>()));
            Every<CompanySyncJob>(q, cluster.Periodic, sp => sp.GetRequiredService<IOptions<WhopOptions>>().Value.SyncPollSeconds, startNow: true);
            Every<PlaybookSchedulerJob>(q, cluster.Periodic, sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value.SchedulerSeconds);
            Every<DispatchJob>(q, cluster.Periodic, sp => sp.GetRequiredService<IOptions<DispatchOptions>>().Value.PollSeconds);
            Every<WebhookProcessingJob>(q, cluster.Periodic, sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.PollSeconds);
            Every<WebhookRetentionJob>(q, cluster.Periodic, _ => (int)TimeSpan.FromDays(1).TotalSeconds);
            Every<StepWinnerJob>(q, cluster.Periodic, _ => (int)TimeSpan.FromHours(1).TotalSeconds);
            Every<PaymentRetryJob>(q, cluster.Periodic, _ => (int)TimeSpan.FromHours(1).TotalSeconds);
            Every<OfferMaintenanceJob>(q, cluster.Periodic, sp => sp.GetRequiredService<IOptions<OffersOptions>>().Value.MaintenanceSeconds);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddTransient<SyncTrigger>();
        builder.Services.AddTransient<WebhookWakeUp>();
        builder.Services.AddTransient<IFirstSyncStarter, FirstSyncWakeUp>();
        return builder;
    }

    /// Read here, while Quartz is configured, and validated as the other options are at start-up.
    private static JobsOptions ClusterSettings(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(settings, new(settings), validateAllProperties: true);
        return settings;
    }

    /// A repeating job; unless <paramref name="startNow"/>, its first run waits up to one interval (at most 30 s: the
    /// app is still starting).
    private static void Every<TJob>(IQuartzBuilder quartz, bool periodic, Func<IServiceProvider, int> seconds, bool startNow = false) where TJob : IJob
    {
        // Kept without a trigger, so a wake-up can still run it.
        if (!periodic) quartz.AddJob<TJob>(job => job.WithIdentity(typeof(TJob).Name).StoreDurably());
        else quartz.ScheduleJob<TJob>(
            (sp, trigger) => trigger
                .WithIdentity(typeof(TJob).Name)
                .StartAt(startNow ? DateTimeOffset.UtcNow : FirstSlot(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(seconds(sp))))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(seconds(sp))).RepeatForever()),
            (_, job) => job.WithIdentity(typeof(TJob).Name));
    }

    /// Every replica stores the triggers again when it starts (so a changed interval takes effect). Were they to start
    /// one interval after that replica's start, each start would push the cluster's hourly and daily jobs back, and
    /// replicas that restart more often than that would never run them. On a grid of whole intervals since the Unix
    /// epoch every replica writes the same schedule, and a start moves nothing.
    internal static DateTimeOffset FirstSlot(DateTimeOffset now, TimeSpan interval)
    {
        var earliest = now + TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromSeconds(30).Ticks));
        var slots = (earliest - DateTimeOffset.UnixEpoch).Ticks / interval.Ticks;
        var slot = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(slots * interval.Ticks);
        return slot < earliest ? slot + interval : slot;
    }
}
