using GraphQL.Types;

namespace IpShield.SharedKernel.GraphQL.Filtering;

public sealed class StringFilterInputType : InputObjectGraphType<StringFilter>
{
    public StringFilterInputType()
    {
        Name = "StringFilter";
        Description = "All given conditions must hold.";
        Field(f => f.Eq, nullable: true).Description("Exactly this text.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("in").Description("Any of these texts.");
        Field(f => f.Contains, nullable: true).Description("Contains this text, ignoring case.");
    }
}

public sealed class DateFilterInputType : InputObjectGraphType<DateFilter>
{
    public DateFilterInputType()
    {
        Name = "DateFilter";
        Description = "All given bounds must hold; a range that cannot match anything is an error.";
        Field<DateOnlyGraphType>("eq");
        Field<DateOnlyGraphType>("gt");
        Field<DateOnlyGraphType>("gte");
        Field<DateOnlyGraphType>("lt");
        Field<DateOnlyGraphType>("lte");
    }
}

public sealed class DateTimeFilterInputType : InputObjectGraphType<DateTimeFilter>
{
    public DateTimeFilterInputType()
    {
        Name = "DateTimeFilter";
        Description = "Instants, UTC: gte is inclusive, lt exclusive.";
        Field<DateTimeGraphType>("gte");
        Field<DateTimeGraphType>("lt");
    }
}

public sealed class IdFilterInputType : InputObjectGraphType<IdFilter>
{
    public IdFilterInputType()
    {
        Name = "IdFilter";
        Field<IdGraphType>("eq").Description("This object's global id.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("in").Description("Any of these global ids.");
    }
}

/// <summary><c>XFilter</c> for an enum type named <c>XType</c>.</summary>
public sealed class EnumFilterInputType<TEnumType, TEnum> : InputObjectGraphType<EnumFilter<TEnum>>
    where TEnumType : EnumerationGraphType<TEnum>
    where TEnum : struct, Enum
{
    public EnumFilterInputType()
    {
        var name = typeof(TEnumType).Name;
        Name = (name.EndsWith("Type", StringComparison.Ordinal) ? name[..^4] : name) + "Filter";
        Field<TEnumType>("eq");
        Field<ListGraphType<NonNullGraphType<TEnumType>>>("in");
    }
}
