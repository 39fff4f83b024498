namespace RevenueAngel.Core.Email;

/// An address a company never emails again, whatever the playbook. Removing it (an admin, with a reason) keeps the row
/// with who-knows-why, so the history of consent stays readable; suppressing it again reopens it.
public sealed class EmailSuppression
{
    public const int NoteMaxLength = 500;

    public long Id { get; init; }
    public required string CompanyId { get; init; }
    /// Lower-cased and trimmed (Lead.NormalizeEmail).
    public required string Address { get; init; }
    public SuppressionReason Reason { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }
    public string? RemovalReason { get; private set; }

    public bool IsActive => RemovedAt is null;

    public static EmailSuppression Of(string companyId, string address, SuppressionReason reason, DateTimeOffset at, string? note) => new()
    {
        CompanyId = companyId, Address = Leads.Lead.NormalizeEmail(address), Reason = reason, At = at, Note = Clip(note),
    };

    public void Reopen(SuppressionReason reason, DateTimeOffset at, string? note)
    {
        if (IsActive) return;
        (Reason, At, Note, RemovedAt, RemovalReason) = (reason, at, Clip(note), null, null);
    }

    public void Remove(DateTimeOffset at, string reason)
    {
        if (!IsActive) throw new InvalidOperationException($"Suppression {Id} was already removed.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("Removing a suppression needs a reason.", nameof(reason));
        (RemovedAt, RemovalReason) = (at, Clip(reason.Trim()));
    }

    private static string? Clip(string? text) => text is null ? null : text.Length <= NoteMaxLength ? text : text[..NoteMaxLength];
}
