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
