using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Payloads;
using IpShield.SharedKernel.Time;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Workstations.Domain;
using IpShield.Workstations.Persistence;
using IpShield.Workstations.Schema;

namespace IpShield.Workstations.Features.RegisterPark;

internal sealed class RegisterParkInput
{
    public string? Name { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? Address { get; set; }
    public string? TimeZone { get; set; }
}

internal sealed class RegisterParkInputType : InputObjectGraphType<RegisterParkInput>
{
    public RegisterParkInputType()
    {
        Name = "RegisterParkInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<StringGraphType>("district");
        Field<StringGraphType>("address");
        Field<StringGraphType>("timeZone").Description("IANA time zone; Asia/Shanghai when not given.");
    }
}

internal static class RegisterParkHandler
{
    public static async Task<Payload<Park>> HandleAsync(RegisterParkInput input, AccessContext access, WorkstationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var check = new InputCheck();
        var name = check.Text(input.Name, Park.NameMax, true, "input", "name");
        var city = check.Text(input.City, Park.PlaceMax, true, "input", "city");
        var district = check.Text(input.District, Park.PlaceMax, false, "input", "district");
        var address = check.Text(input.Address, Park.AddressMax, false, "input", "address");
        var timeZone = check.Text(input.TimeZone, 64, false, "input", "timeZone") ?? ParkCalendar.DefaultTimeZone;
        check.Must(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), ErrorCodes.Invalid, $"'{timeZone}' is not a known time zone.", "input", "timeZone");
        if (check.Failed)
        {
            return Payload<Park>.Failure(check.Errors);
        }

        var park = new Park { Name = name!, City = city!, District = district, Address = address, TimeZone = timeZone, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Parks.Add(park);
        await db.SaveChangesAsync(cancellationToken);
        return Payload<Park>.Success(park);
    }
}

internal sealed class RegisterParkMutation : IMutationFieldContribution
{
    public void AddMutationFields(ObjectGraphType mutation) =>
        mutation.Mutation<RegisterParkInputType, ParkType>("registerPark", AccessPolicies.Admin, "park", RegisterParkHandler.HandleAsync)
            .Description("Registers an industrial park (city centre only).");
}
