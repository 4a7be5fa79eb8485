using GraphQL;
using GraphQL.Types;
using IpShield.Enterprises.Contracts;
using IpShield.Portfolios.Contracts;
using IpShield.Portfolios.Domain;
using IpShield.Portfolios.Persistence;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Portfolios.Schema;

/// <summary>A trademark, patent, design or copyright of an enterprise in one jurisdiction.</summary>
internal sealed class IpRightType : EntityNodeType<IpRight, PortfoliosDbContext>
{
    public IpRightType()
        : base(PortfoliosGlobalIds.IpRight)
    {
        Description = "A trademark, patent, design or copyright of an enterprise in one jurisdiction.";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Description("The enterprise holding it; null when the caller may not see the enterprise.")
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field<NonNullGraphType<IpRightKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(r => r.Jurisdiction).Description("ISO 3166-1 alpha-2 code, EU (EUIPO) or WO (WIPO Madrid).");
        Field(r => r.NameZh).Description("The mark's text or the title, in Chinese.");
        Field(r => r.NameEn, nullable: true);
        Field(r => r.NameAr, nullable: true);
        Field<MarkFormType>("markForm").Description("Marks only.").Resolve(c => c.Source.MarkForm);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("niceClasses").Description("Marks only: Nice classes 1–45.").Resolve(c => c.Source.NiceClasses);
        Field(r => r.ApplicationNumber, nullable: true);
        Field(r => r.RegistrationNumber, nullable: true);
        Field(r => r.FiledOn, nullable: true);
        Field(r => r.PriorityOn, nullable: true).Description("The earliest priority claimed.");
        Field(r => r.PublishedOn, nullable: true);
        Field(r => r.RegisteredOn, nullable: true).Description("Registration of a mark, grant of a patent or design.");
        Field(r => r.Agent, nullable: true);
        Field<NonNullGraphType<IpRightStatusType>>("status").Resolve(c => c.Source.Status);
        Field(r => r.Version).Description("Changes with every recorded event.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NiceClassGoodsType>>>>("goods")
            .Description("Marks only: the goods or services per Nice class.").Resolve(c => c.Source.Goods);
        Field(r => r.PlannedFilingOn, nullable: true).Description("A filing plan's target day for filing.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DesignationType>>>>("designations")
            .Description("Madrid (WO) only: the designated countries, each with its own status.")
            .Resolve(c => PortfoliosLoaders.DesignationsOf(c.RequestServices!).Load(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IpRightEventType>>>>("history")
            .Description("Its dated events, oldest first, each with the status it led to and who recorded it.")
            .Resolve(c => PortfoliosLoaders.HistoryOf(c.RequestServices!).Load(c.Source.Id));
    }
}

/// <summary>The goods or services of a mark in one Nice class.</summary>
internal sealed class NiceClassGoodsType : ObjectGraphType<NiceClassGoods>
{
    public NiceClassGoodsType()
    {
        Name = "NiceClassGoods";
        Field(g => g.NiceClass);
        Field(g => g.Terms).Description("The goods or services, as applied for.");
    }
}

/// <summary>A country designated in a Madrid international registration.</summary>
internal sealed class DesignationType : ObjectGraphType<Designation>
{
    public DesignationType()
    {
        Name = "Designation";
        Description = "A country designated in a WIPO Madrid international registration, examined by its own office.";
        Field(d => d.Country).Description("ISO 3166-1 alpha-2, or EU.");
        Field<NonNullGraphType<IpRightStatusType>>("status").Resolve(c => c.Source.Status);
        Field(d => d.ChangedOn).Description("The day of the event that set the status.");
    }
}

/// <summary>An entry in a right's history.</summary>
internal sealed class IpRightEventType : ObjectGraphType<IpRightEvent>
{
    public IpRightEventType()
    {
        Name = "IpRightEvent";
        Description = "An event in a right's history: what happened on which day, the status it led to, and who recorded it when.";
        Field<NonNullGraphType<IpRightEventKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(e => e.OccurredOn);
        Field(e => e.Designation, nullable: true).Description("Madrid rights: the designated country it concerns; null for the registration itself.");
        Field<IpRightStatusType>("statusAfter").Description("The status it led to (null for events recorded before this was kept).").Resolve(c => c.Source.StatusAfter);
        Field(e => e.RecordedBy, nullable: true).Description("The subject id of the person or client who recorded it.");
        Field(e => e.RecordedAt);
    }
}

/// <summary>A stored deadline of a right.</summary>
internal sealed class DeadlineType : EntityNodeType<RightDeadline, PortfoliosDbContext>
{
    public DeadlineType()
        : base(PortfoliosGlobalIds.Deadline)
    {
        Description = "A deadline of a right, computed from its dates and events by the jurisdiction's rules (docs/deadline-rules.md).";
        this.AuthorizeWithPolicy(AccessPolicies.People);
        Field("right", new GraphQLTypeReference(PortfoliosGlobalIds.IpRight))
            .Resolve(c => c.LoadNode(PortfoliosGlobalIds.IpRight, c.Source.RightId));
        Field("enterprise", new GraphQLTypeReference(EnterprisesGlobalIds.Enterprise))
            .Resolve(c => c.LoadNode(EnterprisesGlobalIds.Enterprise, c.Source.EnterpriseId));
        Field<NonNullGraphType<DeadlineTaskType>>("task").Resolve(c => c.Source.Task);
        Field(d => d.RuleKey).Description("The rule that made it (docs/deadline-rules.md).");
        Field(d => d.Cycle).Description("Which occurrence of the rule: the renewal term, the annuity year.");
        Field(d => d.DueOn);
        Field(d => d.WindowOpensOn, nullable: true).Description("The first day on which the act may be done.");
        Field(d => d.GraceEndsOn, nullable: true).Description("The last day of the grace period, usually with a surcharge.");
        Field(d => d.SurchargeNote, nullable: true);
        Field<NonNullGraphType<DeadlineStateType>>("state").Resolve(c => c.Source.State);
        Field(d => d.ClosedOn, nullable: true).Description("When it was done.");
    }
}
