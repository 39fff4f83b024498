namespace RevenueAngel.Core.Analytics;

/// A new company's first steps, each read from its data. The dashboard shows it until every step is done.
public sealed record SetupChecklist(bool Installed, bool FirstSyncDone, bool PlaybookEnabled, bool WebhookReceived, bool FirstConversion)
{
    public bool IsComplete => Installed && FirstSyncDone && PlaybookEnabled && WebhookReceived && FirstConversion;

    public int DoneCount => new[] { Installed, FirstSyncDone, PlaybookEnabled, WebhookReceived, FirstConversion }.Count(done => done);
}
