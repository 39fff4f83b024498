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
        var group = app.MapGroup("/api/playbooks").WithTags("Playbooks");
        group.MapGet("/", ListAsync).RequireCompanyAdmin();
        group.MapPost("/", CreateAsync).RequireCompanyAdmin();
        group.MapGet("/library", Library).RequireCompanyAdmin();
        group.MapPost("/library", FromLibraryAsync).RequireCompanyAdmin();
        group.MapGet("/{id:long}", GetAsync).RequireCompanyAdmin();
        group.MapPatch("/{id:long}", PatchAsync).RequireCompanyAdmin();
        group.MapDelete("/{id:long}", DeleteAsync).RequireCompanyAdmin();
        group.MapPost("/{id:long}/enable", EnableAsync).RequireCompanyAdmin();
        group.MapPost("/{id:long}/clone", CloneAsync).RequireCompanyAdmin();
        return group;
    }

    public static async Task<Ok<IReadOnlyList<PlaybookSummary>>> ListAsync(string companyId, PlaybookCatalog playbooks, CancellationToken ct) =>
        TypedResults.Ok(await playbooks.ListAsync(companyId, ct));

    public static async Task<Results<Ok<PlaybookDetail>, NotFound>> GetAsync(string companyId, long id, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.GetAsync(companyId, id, ct) is { } playbook ? TypedResults.Ok(playbook) : TypedResults.NotFound();

    /// A new playbook, off until enabled. Every problem comes back at once, keyed by where it is (`steps[0].body`).
    public static async Task<Results<Created<PlaybookDetail>, ValidationProblem>> CreateAsync(string companyId, HttpRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, problem) = PlaybookRequest.Read(await ReadBodyAsync(request, ct), json.Value.SerializerOptions);
        if (body is null) return Invalid("body", problem!);
        var saved = await editor.CreateAsync(companyId, body.ToDraft(), ct);
        if (!saved.Saved) return TypedResults.ValidationProblem(saved.Problems);
        return TypedResults.Created($"/api/playbooks/{saved.Id}?companyId={companyId}", await playbooks.GetAsync(companyId, saved.Id!.Value, ct));
    }

    /// A JSON merge patch: only the fields sent change; `steps`, when sent, is the whole new list (keep a step by its `id`).
    public static async Task<Results<Ok<PlaybookDetail>, NotFound, ValidationProblem>> PatchAsync(string companyId, long id, HttpRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var current = await editor.DraftOfAsync(companyId, id, ct);
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
        var saved = await editor.UpdateAsync(companyId, id, body.ToDraft(), ct);
        if (saved == PlaybookSaveResult.NotFound) return TypedResults.NotFound();
        if (!saved.Saved) return TypedResults.ValidationProblem(saved.Problems);
        return TypedResults.Ok((await playbooks.GetAsync(companyId, id, ct))!);
    }

    /// Stops the playbook's sequences and hides it; its sends and conversions stay in the reports.
    public static async Task<Results<NoContent, NotFound>> DeleteAsync(string companyId, long id, PlaybookEditor editor, CancellationToken ct) =>
        await editor.DeleteAsync(companyId, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// `{ "enabled": false }` also ends the playbook's active enrolments and cancels their scheduled sends.
    public static async Task<Results<NoContent, NotFound>> EnableAsync(string companyId, long id, EnableRequest request, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.SetEnabledAsync(companyId, id, request.Enabled, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<PlaybookDetail>, NotFound>> CloneAsync(string companyId, long id, PlaybookEditor editor,
        PlaybookCatalog playbooks, CancellationToken ct)
    {
        var saved = await editor.CloneAsync(companyId, id, ct);
        if (saved.Id is not { } cloneId) return TypedResults.NotFound();
        return TypedResults.Created($"/api/playbooks/{cloneId}?companyId={companyId}", await playbooks.GetAsync(companyId, cloneId, ct));
    }

    public static Ok<IReadOnlyList<LibraryEntry>> Library() =>
        TypedResults.Ok<IReadOnlyList<LibraryEntry>>([.. PlaybookLibrary.All.Select(b => new LibraryEntry(b.Key, b.Name, b.Description, b.Type, PlaybookLibrary.Tones))]);

    /// `{ "key": "upgrade-to-pro", "tone": "expert" }`: a copy of a library playbook, off until enabled.
    public static async Task<Results<Created<PlaybookDetail>, ValidationProblem>> FromLibraryAsync(string companyId, FromLibraryRequest request,
        PlaybookEditor editor, PlaybookCatalog playbooks, CancellationToken ct)
    {
        var id = await editor.CreateFromLibraryAsync(companyId, request.Key, request.Tone ?? MessageTone.Friendly, ct);
        if (id is null)
            return Invalid("key", $"Unknown library playbook or tone; choose one of {string.Join(", ", PlaybookLibrary.All.Select(b => b.Key))} in {string.Join(", ", PlaybookLibrary.Tones)}.");
        return TypedResults.Created($"/api/playbooks/{id}?companyId={companyId}", await playbooks.GetAsync(companyId, id.Value, ct));
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static ValidationProblem Invalid(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] });
}
