using IpShield.SharedKernel.GraphQL.Relay;
using IpShield.Workstations.Contracts;
using IpShield.Workstations.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IpShield.Workstations.Benchmarks;

/// <summary>
/// The baseline build/bench-graphql.sh compares /graphql with: the same EF queries as the workstations list
/// with parks (one for the page, one for its parks) serialized straight to JSON by a minimal API.
/// Mapped only when Benchmarks:PlainEndpoints is true. It answers without a token (the baseline: no authentication at
/// all) and with one (what validating a token costs), so it must never be mapped in a deployment.
/// </summary>
internal static class PlainWorkstationList
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/benchmarks/plain/workstations", async (int? first, HttpContext http, WorkstationsDbContext db, CancellationToken cancellationToken) =>
        {
            // A token that was sent must have validated, as on /graphql; without one the request pays for no authentication.
            if (!string.IsNullOrEmpty(http.Request.Headers.Authorization) && http.User.Identity?.IsAuthenticated != true)
            {
                return Results.Unauthorized();
            }

            var size = Math.Clamp(first ?? 20, 1, 100);
            var page = await db.Workstations.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id).Take(size + 1).ToListAsync(cancellationToken);
            var parkIds = page.Select(w => w.ParkId).Distinct().ToList();
            var parks = await db.Parks.AsNoTracking().Where(p => parkIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var nodes = page.Take(size).Select(w => new
            {
                id = GlobalId.Encode(WorkstationsGlobalIds.Workstation, w.Id),
                name = w.Name,
                level = w.Level.ToString().ToUpperInvariant(),
                openedOn = w.OpenedOn,
                park = new { name = parks[w.ParkId].Name },
            });
            return Results.Json(new { data = new { workstations = new { nodes, pageInfo = new { hasNextPage = page.Count > size } } } });
        });
}
