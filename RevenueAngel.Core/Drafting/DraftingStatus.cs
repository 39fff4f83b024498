using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Drafting;

/// <param name="Model">The configured model's name; null when drafts come from the library.</param>
public sealed record DraftingStatusReport(bool ModelConfigured, string? Model, int RequestsPerMinute, int RemainingThisMinute);

public sealed class DraftingStatus(DraftingModel model, DraftingBudget budget, IOptions<AiOptions> options)
{
    public DraftingStatusReport Of(string companyId) => new(model.Configured, model.ModelName, options.Value.RequestsPerMinute,
        model.Configured ? budget.Remaining(companyId) : 0);
}
