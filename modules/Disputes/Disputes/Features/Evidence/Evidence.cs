using System.Security.Cryptography;
using GraphQL.Types;
using IpShield.Disputes.Domain;
using IpShield.Disputes.Features.Cases;
using IpShield.Disputes.Persistence;
using IpShield.Disputes.Schema;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.SharedKernel.GraphQL.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Disputes.Features.Evidence;

/// <summary>Where evidence files are kept: <c>Disputes:EvidenceFolder</c>, by default <c>.data/evidence</c>.</summary>
internal sealed class EvidenceStore(string folder)
{
    public static EvidenceStore From(IConfiguration configuration) =>
        new(configuration["Disputes:EvidenceFolder"] is { Length: > 0 } folder ? folder : Path.Combine(".data", "evidence"));

    public string PathOf(Guid id) => Path.Combine(folder, $"{id:N}.evidence");
}

internal sealed class AddCaseEvidenceInput
{
    public string? CaseId { get; set; }
    public UploadedFile? File { get; set; }
    public string? Note { get; set; }
}

internal sealed class AddCaseEvidenceInputType : InputObjectGraphType<AddCaseEvidenceInput>
{
    public AddCaseEvidenceInputType()
    {
        Name = "AddCaseEvidenceInput";
        Field<NonNullGraphType<IdGraphType>>("caseId");
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The file, sent as a GraphQL multipart request like an enterprise import; at most 50 MB.");
        Field<StringGraphType>("note");
    }
}

/// <summary>Keeps an uploaded file as evidence of a case, with its SHA-256, and notes it on the case's timeline.</summary>
internal static class AddCaseEvidenceHandler
{
    public static async Task<Payload<DisputeCase>> HandleAsync(
        AddCaseEvidenceInput input, AccessContext access, DisputesDbContext db, EvidenceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var note = check.Text(input.Note, TimelineEntry.NoteMax, false, "input", "note");
        var file = input.File;
        check.Must(file is not null, ErrorCodes.Required, "file is required.", "input", "file");
        check.Must(file is null || file.Length <= EvidenceFile.MaxLength, ErrorCodes.TooLong, "An evidence file has at most 50 MB.", "input", "file");
        var (dispute, notFound) = await CaseInputs.VisibleCaseAsync(db, access, input.CaseId, cancellationToken);
        if (dispute is null)
        {
            check.Add(notFound!);
        }

        if (check.Failed)
        {
            return Payload<DisputeCase>.Failure(check.Errors);
        }

        string sha256;
        await using (var content = file!.OpenRead())
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        }

        var now = time.GetUtcNow();
        var name = Path.GetFileName(file.FileName);
        var evidence = new EvidenceFile
        {
            CaseId = dispute!.Id,
            FileName = name.Length > EvidenceFile.FileNameMax ? name[^EvidenceFile.FileNameMax..] : name,
            ContentType = file.ContentType is { Length: > 0 and <= 100 } type ? type : "application/octet-stream",
            Length = file.Length,
            Sha256 = sha256,
            RecordedBy = access.SubjectId,
            RecordedAt = now,
        };
        db.Evidence.Add(evidence);
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = dispute.Id, Kind = TimelineEntryKind.EvidenceAdded, On = IpShield.SharedKernel.Time.ParkCalendar.Today(time), Note = note is null ? $"{evidence.FileName} (sha256 {sha256})" : $"{note}: {evidence.FileName} (sha256 {sha256})",
            RecordedBy = access.SubjectId, RecordedAt = now,
        });
        dispute.Version++;

        // The file first: a row without its file would be worse than a file without its row (which nobody can reach).
        file.MoveTo(store.PathOf(evidence.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Payload<DisputeCase>.Success(dispute);
    }
}

internal sealed class AddCaseEvidenceMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<AddCaseEvidenceInputType, DisputeCaseType>("addCaseEvidence", AccessPolicies.People, "disputeCase", AddCaseEvidenceHandler.HandleAsync)
            .Description("Attaches a file to a case as evidence (GraphQL multipart request), stored with its SHA-256; downloadable by those who may see the case.");
}

internal sealed class EvidenceFileType : ObjectGraphType<EvidenceFile>
{
    public EvidenceFileType()
    {
        Name = "EvidenceFile";
        Field(e => e.FileName);
        Field(e => e.ContentType);
        Field(e => e.Length).Description("Bytes.");
        Field(e => e.Sha256).Description("Lower-case hex SHA-256 of the content, computed when received.");
        Field(e => e.RecordedBy, nullable: true);
        Field(e => e.RecordedAt);
        Field<NonNullGraphType<StringGraphType>>("downloadUrl")
            .Description("GET with the same bearer token; 404 for anyone who may not see the case.")
            .Resolve(c => EvidenceDownload.UrlOf(c.Source.Id));
    }
}

/// <summary><c>GET /disputes/evidence/{id}</c>: the file, for callers who may see its case; 404 for anyone else, as for an id that does not exist.</summary>
internal static class EvidenceDownload
{
    public static string UrlOf(Guid id) => $"/disputes/evidence/{GlobalId.Encode("EvidenceFile", id)}";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/disputes/evidence/{id}", async (string id, HttpContext http) =>
        {
            var access = AccessContext.FromPrincipal(http.User);
            var services = http.RequestServices;
            var db = services.GetRequiredService<DisputesDbContext>();
            var visible = db.Rows<DisputeCase>(access, services).Select(c => c.Id);
            var evidence = access.Allows(AccessPolicies.People) && GlobalId.TryDecode(id, "EvidenceFile", out var key)
                ? await db.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == key && visible.Contains(e.CaseId), http.RequestAborted)
                : null;
            var path = evidence is null ? null : services.GetRequiredService<EvidenceStore>().PathOf(evidence.Id);
            if (evidence is null || !File.Exists(path))
            {
                return Results.NotFound();
            }

            http.Response.Headers["X-Content-SHA256"] = evidence.Sha256;
            return Results.File(Path.GetFullPath(path), evidence.ContentType, evidence.FileName);
        });
}
