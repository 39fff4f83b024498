namespace RevenueAngel.Core.Companies;

public enum SyncStatus
{
    Idle,
    Running,
    Failed,
    Disconnected,
}
