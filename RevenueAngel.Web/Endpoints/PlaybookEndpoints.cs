using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Playbooks.Library;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class PlaybookEndpoints
{
    public sealed record EnableRequest(bool Enabled);

    public sealed record FromLibraryRequest(string Key, MessageTone? Tone);

    public sealed record LibraryEntry(string Key, string Name, string Description, PlaybookType Type, IReadOnlyList<MessageTone> Tones);

    public static RouteGroupBuilder MapPlaybookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/library", Library);
        group.MapPost("/library", FromLibraryAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPatch("/{id:long}", PatchAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        group.MapPost("/{id:long}/enable", EnableAsync);
        group.MapPost("/{id:long}/clone", CloneAsync);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<PlaybookSummary>>> ListAsync(AuthorizedCompany company, PlaybookCatalog playbooks, CancellationToken ct) =>
        TypedResults.Ok(await playbooks.ListAsync(company.Id, ct));

    public static async Task<Results<Ok<PlaybookDetail>, NotFound>> GetAsync(AuthorizedCompany company, long id, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.GetAsync(company.Id, id, ct) is { } playbook ? TypedResults.Ok(playbook) : TypedResults.NotFound();

    /// A new playbook, off until enabled. Every problem comes back at once, keyed by where it is (`steps[0].body`).
    public static async Task<Results<Created<PlaybookDetail>, ValidationProblem>> CreateAsync(AuthorizedCompany company, HttpRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, problem) = PlaybookRequest.Read(await ReadBodyAsync(request, ct), json.Value.SerializerOptions);
        if (body is null) return Invalid("body", problem!);
        var saved = await editor.CreateAsync(company.Scope, body.ToDraft(), ct);
        if (!saved.Saved) return TypedResults.ValidationProblem(saved.Problems);
        return TypedResults.Created($"/api/playbooks/{saved.Id}?companyId={company.Id}", await playbooks.GetAsync(company.Id, saved.Id!.Value, ct));
    }

    /// A JSON merge patch: only the fields sent change; `steps`, when sent, is the whole new list (keep a step by its `id`).
    public static async Task<Results<Ok<PlaybookDetail>, NotFound, ValidationProblem>> PatchAsync(AuthorizedCompany company, long id, HttpRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var current = await editor.DraftOfAsync(company.Id, id, ct);
        if (current is null) return TypedResults.NotFound();
        JsonElement patch;
        try
        {
            patch = JsonDocument.Parse(await ReadBodyAsync(request, ct)).RootElement;
        }
        catch (JsonException e)
        {
            return Invalid("body", $"Not valid JSON: {e.Message}");
        }
        var (body, problem) = PlaybookRequest.MergePatch(current, patch, json.Value.SerializerOptions);
        if (body is null) return Invalid("body", problem!);
        var saved = await editor.UpdateAsync(company.Scope, id, body.ToDraft(), ct);
        if (saved == PlaybookSaveResult.NotFound) return TypedResults.NotFound();
        if (!saved.Saved) return TypedResults.ValidationProblem(saved.Problems);
        return TypedResults.Ok((await playbooks.GetAsync(company.Id, id, ct))!);
    }

    /// Stops the playbook's sequences and hides it; its sends and conversions stay in the reports.
    public static async Task<Results<NoContent, NotFound>> DeleteAsync(AuthorizedCompany company, long id, PlaybookEditor editor, CancellationToken ct) =>
        await editor.DeleteAsync(company.Scope, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// `{ "enabled": false }` also ends the playbook's active enrolments and cancels their scheduled sends.
    public static async Task<Results<NoContent, NotFound>> EnableAsync(AuthorizedCompany company, long id, EnableRequest request, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.SetEnabledAsync(company.Scope, id, request.Enabled, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<PlaybookDetail>, NotFound>> CloneAsync(AuthorizedCompany company, long id, PlaybookEditor editor,
        PlaybookCatalog playbooks, CancellationToken ct)
    {
        var saved = await editor.CloneAsync(company.Scope, id, ct);
        if (saved.Id is not { } cloneId) return TypedResults.NotFound();
        return TypedResults.Created($"/api/playbooks/{cloneId}?companyId={company.Id}", await playbooks.GetAsync(company.Id, cloneId, ct));
    }

    public static Ok<IReadOnlyList<LibraryEntry>> Library() =>
        TypedResults.Ok<IReadOnlyList<LibraryEntry>>([.. PlaybookLibrary.All.Select(b => new LibraryEntry(b.Key, b.Name, b.Description, b.Type, PlaybookLibrary.Tones))]);

    /// `{ "key": "upgrade-to-pro", "tone": "expert" }`: a copy of a library playbook, off until enabled.
    public static async Task<Results<Created<PlaybookDetail>, ValidationProblem>> FromLibraryAsync(AuthorizedCompany company, FromLibraryRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, CancellationToken ct)
    {
        var id = await editor.CreateFromLibraryAsync(company.Scope, request.Key, request.Tone ?? MessageTone.Friendly, ct);
        if (id is null)
            return Invalid("key", $"Unknown library playbook or tone; choose one of {string.Join(", ", PlaybookLibrary.All.Select(b => b.Key))} in {string.Join(", ", PlaybookLibrary.Tones)}.");
        return TypedResults.Created($"/api/playbooks/{id}?companyId={company.Id}", await playbooks.GetAsync(company.Id, id.Value, ct));
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static ValidationProblem Invalid(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] });
}
