using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class AiEndpoints
{
    /// With `playbookId` and `stepIndex`, module, purpose, channel, tone and goal plan default to that step's playbook.
    /// `testTones`: one draft per built-in tone instead of `variants` drafts in one tone.
    public sealed record DraftsRequest(PlaybookType? Module, StepPurpose? Purpose, MessageTone? Tone, string? CustomTone, int? Variants,
        int? StepIndex, long? PlaybookId, MessageChannel? Channel, bool? TestTones);

    public sealed record DraftsResponse(IReadOnlyList<MessageDraft> Drafts);

    public sealed record ProposalRequest(string? Goal);

    public static RouteGroupBuilder MapAiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ai").WithTags("AI").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapPost("/drafts", DraftsAsync);
        group.MapPost("/playbooks", ProposeAsync);
        group.MapGet("/status", (AuthorizedCompany company, DraftingStatus status) => TypedResults.Ok(status.Of(company.Id)));
        return group;
    }

    public static async Task<Results<Ok<DraftsResponse>, ValidationProblem, NotFound>> DraftsAsync(AuthorizedCompany company, DraftsRequest request,
        PlaybookEditor editor, MessageDrafter drafter, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        PlaybookDraft? playbook = null;
        if (request.PlaybookId is { } playbookId && (playbook = await editor.DraftOfAsync(company.Id, playbookId, ct)) is null) return TypedResults.NotFound();
        var step = playbook is not null && request.StepIndex is { } index
            ? index >= 0 && index < playbook.Steps.Count ? playbook.Steps[index] : null
            : null;
        if (playbook is not null && request.StepIndex is not null && step is null) problems["stepIndex"] = [$"The playbook has steps 0 to {playbook.Steps.Count - 1}."];
        if (request.StepIndex is not null && playbook is null) problems["stepIndex"] = ["stepIndex needs a playbookId."];

        var module = playbook?.Type ?? request.Module;
        if (module is null) problems["module"] = ["Give the module (nurture, upsell, churnsave) or a playbookId."];
        else if (playbook is not null && request.Module is { } asked && asked != playbook.Type) problems["module"] = ["The playbook is of another module."];
        var purpose = request.Purpose ?? step?.Purpose ?? (module is { } m && request.StepIndex is { } s ? StepPurposes.Default(m, s) : null);
        if (purpose is null) problems["purpose"] = ["Give the step's purpose, or a playbookId and stepIndex."];
        else if (module is { } type && !StepPurposes.Fits(purpose.Value, type))
            problems["purpose"] = [$"A {PlaybookValidator.TypeName(type)} step's purpose is one of {string.Join(", ", StepPurposes.For(type).Select(p => Core.Persistence.StoredEnum<StepPurpose>.ToText(p)))}."];
        var tone = request.Tone ?? playbook?.Tone ?? MessageTone.Friendly;
        var customTone = request.CustomTone ?? playbook?.CustomTone;
        if (tone == MessageTone.Custom && string.IsNullOrWhiteSpace(customTone)) problems["customTone"] = ["A custom tone needs its description."];
        if (customTone is { Length: > PlaybookDraft.CustomToneMaxLength }) problems["customTone"] = [$"At most {PlaybookDraft.CustomToneMaxLength} characters."];
        if (request.Variants is < 1 or > DraftRequest.MaxVariants) problems["variants"] = [$"Between 1 and {DraftRequest.MaxVariants}."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);

        var draft = new DraftRequest(module!.Value, purpose!.Value, tone, customTone, request.Variants ?? 1,
            request.Channel ?? step?.Channel ?? MessageChannel.Push, playbook?.GoalPlanId);
        var drafts = request.TestTones == true ? await drafter.DraftToneTestAsync(company.Scope, draft, ct) : await drafter.DraftAsync(company.Scope, draft, ct);
        return TypedResults.Ok(new DraftsResponse(drafts));
    }

    /// The proposed playbook as `POST /api/playbooks` takes it, plus `source` ("model" or "library") and `reason`.
    public static async Task<Results<Ok<JsonObject>, ValidationProblem>> ProposeAsync(AuthorizedCompany company, ProposalRequest request,
        PlaybookProposer proposer, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Goal)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["goal"] = ["Describe the goal."] });
        if (request.Goal.Length > PlaybookProposer.MaxGoalLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["goal"] = [$"At most {PlaybookProposer.MaxGoalLength} characters."] });
        var proposal = await proposer.ProposeAsync(company.Scope, request.Goal, ct);
        var body = JsonSerializer.SerializeToNode(PlaybookRequest.Of(proposal.Draft), json.Value.SerializerOptions)!.AsObject();
        body["source"] = JsonSerializer.SerializeToNode(proposal.Source, json.Value.SerializerOptions);
        body["reason"] = proposal.Reason;
        return TypedResults.Ok(body);
    }
}
