using Quartz;

namespace RevenueAngel.Web.Jobs;

/// One line per firing, with the trigger, the time it fired for and the node that ran it, and one with what the run
/// did: with the clustered store, two lines for one trigger and fire time would be one firing run twice. Debug, as
/// it is a line every few seconds per job.
public sealed partial class JobFiringLog(ILogger<JobFiringLog> logger) : IJobListener
{
    public string Name => nameof(JobFiringLog);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        LogFired(context.Trigger.Key.Name, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Scheduler.SchedulerInstanceId,
            context.JobDetail.Key.Name);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is null)
            LogDone(context.JobDetail.Key.Name, context.Trigger.Key.Name, context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
                context.Scheduler.SchedulerInstanceId, context.Result?.ToString() ?? "-");
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Debug, "Quartz fired trigger={Trigger} for={FireTime:O} on={Instance} job={Job}")]
    private partial void LogFired(string trigger, DateTimeOffset fireTime, string instance, string job);

    [LoggerMessage(LogLevel.Debug, "Quartz ran job={Job} trigger={Trigger} for={FireTime:O} on={Instance} result={Result}")]
    private partial void LogDone(string job, string trigger, DateTimeOffset fireTime, string instance, string result);
}
