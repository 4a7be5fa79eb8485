using IpShield.Identity.Contracts;
using IpShield.Identity.Persistence;
using IpShield.SharedKernel.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.Identity.Mail;

/// <summary>Identity's answer to <see cref="IPeopleDirectory"/>: three reads (people, their roles, their workstations), whatever their number.</summary>
internal sealed class PeopleDirectory(IServiceScopeFactory scopes) : IPeopleDirectory
{
    public async Task<IReadOnlyList<DigestRecipient>> DigestRecipientsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
        var people = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && !u.DeadlineDigestOff && u.Email != null && u.Email != "")
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Language, u.EnterpriseId })
            .ToListAsync(cancellationToken);
        var roles = await (
                from userRole in db.UserRoles.AsNoTracking()
                join role in db.Roles.AsNoTracking() on userRole.RoleId equals role.Id
                where role.Name == PlatformRoles.WorkstationStaff || role.Name == PlatformRoles.EnterpriseMember
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var workstations = (await db.UserClaims.AsNoTracking()
                .Where(c => c.ClaimType == AccessClaims.Workstation)
                .Select(c => new { c.UserId, c.ClaimValue })
                .ToListAsync(cancellationToken))
            .Where(c => Guid.TryParse(c.ClaimValue, out _))
            .ToLookup(c => c.UserId, c => Guid.Parse(c.ClaimValue!));
        var roleOf = roles.ToLookup(r => r.UserId, r => r.Name);

        var recipients = new List<DigestRecipient>();
        foreach (var person in people)
        {
            var staff = roleOf[person.Id].Contains(PlatformRoles.WorkstationStaff);
            var member = roleOf[person.Id].Contains(PlatformRoles.EnterpriseMember);
            IReadOnlyList<Guid> served = staff ? [.. workstations[person.Id].Distinct().Order()] : [];
            var enterprise = member ? person.EnterpriseId : null;
            if (served.Count > 0 || enterprise is not null)
            {
                var language = person.Language == PersonLanguages.English ? PersonLanguages.English : PersonLanguages.Chinese;
                recipients.Add(new DigestRecipient(person.Id, person.DisplayName, person.Email!, language, served, enterprise));
            }
        }

        return recipients;
    }
}
