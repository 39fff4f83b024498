namespace RevenueAngel.Core.Playbooks;

/// An alternative message for a step (B, C, …) shown to its share of subjects; the step's own template is "A" and
/// gets what the variants leave of 100%.
public sealed class PlaybookStepVariant
{
    public long Id { get; init; }
    public long StepId { get; init; }
    /// "B", "C", … in the order the editor lists them.
    public required string Key { get; set; }
    public int Percent { get; set; }
    public long TemplateId { get; set; }
}
