using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using IpShield.Integration.Tests.Infrastructure;
using IpShield.Integration.Tests.Workstations;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// Role × operation over every root field and <c>node</c>/<c>nodes</c>, with real tokens on MariaDB. Two parks, each with a
/// workstation and service records; staff of workstation A, a member of an enterprise served in B, a dashboard of park A,
/// an importer of workstation A, the city centre and nobody at all ask for everything.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed partial class AccessMatrixTests(MariaDbHost host)
{
    private static readonly ConcurrentDictionary<PlatformHost, Task<World>> Worlds = new();

    public enum Outcome
    {
        /// <summary>200, no error, the field has a value (for a mutation: no FORBIDDEN error).</summary>
        Allowed,

        /// <summary>200, no error, the field is null: exactly what an id that does not exist gives.</summary>
        Null,

        /// <summary>200 and an empty list.</summary>
        Empty,

        /// <summary>403 with a FORBIDDEN error, before anything resolved.</summary>
        Forbidden,

        /// <summary>200 with a FORBIDDEN error in the mutation payload; nothing changed.</summary>
        PayloadForbidden,

        /// <summary>401 with UNAUTHENTICATED.</summary>
        Unauthenticated,

        /// <summary>200 with NOT_FOUND in the mutation payload: what an id of another tenant gives, as one that does not exist.</summary>
        PayloadNotFound,

        /// <summary>200 and no GraphQL error, whatever the value (an admin listing what may be an empty list).</summary>
        Answered,
    }

    public static TheoryData<string, string, Outcome> Matrix => new TheoryData<string, string, Outcome>
    {
        // The directory: people yes, machine clients never, nobody 401.
        { "admin", "workstations", Outcome.Allowed }, { "staffA", "workstations", Outcome.Allowed }, { "member", "workstations", Outcome.Allowed },
        { "dashboardA", "workstations", Outcome.Forbidden }, { "importerA", "workstations", Outcome.Forbidden }, { "anonymous", "workstations", Outcome.Unauthenticated },
        { "admin", "parks", Outcome.Allowed }, { "staffA", "parks", Outcome.Allowed }, { "member", "parks", Outcome.Allowed },
        { "dashboardA", "parks", Outcome.Forbidden }, { "importerA", "parks", Outcome.Forbidden }, { "anonymous", "parks", Outcome.Unauthenticated },

        // Aggregates: the centre and the park's own dashboard; another park's dashboard sees nothing.
        { "admin", "statsA", Outcome.Allowed }, { "dashboardA", "statsA", Outcome.Allowed }, { "dashboardA", "statsB", Outcome.Null },
        { "staffA", "statsA", Outcome.Forbidden }, { "member", "statsA", Outcome.Forbidden }, { "importerA", "statsA", Outcome.Forbidden }, { "anonymous", "statsA", Outcome.Unauthenticated },
        { "admin", "cityStatistics", Outcome.Allowed }, { "staffA", "cityStatistics", Outcome.Forbidden }, { "member", "cityStatistics", Outcome.Forbidden },
        { "dashboardA", "cityStatistics", Outcome.Forbidden }, { "importerA", "cityStatistics", Outcome.Forbidden }, { "anonymous", "cityStatistics", Outcome.Unauthenticated },

        // node: a record of workstation A, of workstation B (for the member's enterprise), and the workstations themselves.
        { "admin", "nodeRecordA", Outcome.Allowed }, { "staffA", "nodeRecordA", Outcome.Allowed }, { "member", "nodeRecordA", Outcome.Null },
        { "dashboardA", "nodeRecordA", Outcome.Forbidden }, { "importerA", "nodeRecordA", Outcome.Forbidden }, { "anonymous", "nodeRecordA", Outcome.Unauthenticated },
        { "admin", "nodeRecordB", Outcome.Allowed }, { "staffA", "nodeRecordB", Outcome.Null }, { "member", "nodeRecordB", Outcome.Allowed },
        { "staffA", "nodeRecordBPlain", Outcome.Null }, { "dashboardA", "nodeRecordBPlain", Outcome.Null }, { "importerA", "nodeRecordBPlain", Outcome.Null },
        { "dashboardA", "nodeWorkstationAPlain", Outcome.Null }, { "importerA", "nodeWorkstationAPlain", Outcome.Null }, { "staffA", "nodeWorkstationAPlain", Outcome.Allowed },
        { "anonymous", "nodeWorkstationAPlain", Outcome.Unauthenticated },

        // nodes: staff of A get A's record and null in place of B's.
        { "staffA", "nodesAB", Outcome.Allowed }, { "dashboardA", "nodesAB", Outcome.Forbidden }, { "anonymous", "nodesAB", Outcome.Unauthenticated },

        // Nested fields of another workstation: empty for staff of A, full for the centre.
        { "staffA", "recordsOfB", Outcome.Empty }, { "staffA", "staffOfB", Outcome.Empty }, { "member", "staffOfB", Outcome.Empty },
        { "admin", "recordsOfB", Outcome.Allowed }, { "staffA", "recordsOfA", Outcome.Allowed },

        // Mutations: the network is the centre's (refused before anything runs, whatever the payload selects); services are
        // recorded by the workstation's own staff.
        { "admin", "registerPark", Outcome.Allowed }, { "staffA", "registerPark", Outcome.Forbidden }, { "member", "registerPark", Outcome.Forbidden },
        { "dashboardA", "registerPark", Outcome.Forbidden }, { "importerA", "registerPark", Outcome.Forbidden }, { "anonymous", "registerPark", Outcome.Unauthenticated },
        { "admin", "openWorkstation", Outcome.Allowed }, { "staffA", "openWorkstation", Outcome.Forbidden }, { "importerA", "openWorkstation", Outcome.Forbidden }, { "anonymous", "openWorkstation", Outcome.Unauthenticated },
        { "staffA", "updateWorkstationB", Outcome.Forbidden }, { "member", "updateWorkstationB", Outcome.Forbidden }, { "anonymous", "updateWorkstationB", Outcome.Unauthenticated },
        { "staffA", "closeWorkstationB", Outcome.Forbidden }, { "dashboardA", "closeWorkstationB", Outcome.Forbidden }, { "anonymous", "closeWorkstationB", Outcome.Unauthenticated },
        { "staffA", "assignStaffB", Outcome.Forbidden }, { "importerA", "assignStaffB", Outcome.Forbidden }, { "anonymous", "assignStaffB", Outcome.Unauthenticated },
        { "admin", "recordServiceB", Outcome.Allowed }, { "staffA", "recordServiceA", Outcome.Allowed }, { "staffA", "recordServiceB", Outcome.PayloadForbidden },
        { "member", "recordServiceB", Outcome.PayloadForbidden }, { "importerA", "recordServiceA", Outcome.Forbidden }, { "dashboardA", "recordServiceA", Outcome.Forbidden },
        { "anonymous", "recordServiceA", Outcome.Unauthenticated },

        // Fields one module adds to another's types answer under the row rules of the module that owns the data:
        // enterprises under a workstation or park as the Enterprises module allows, workstations and parks under an
        // enterprise as the Workstations module allows, exactly as node(id:) would.
        { "admin", "workstationEnterprisesA", Outcome.Allowed }, { "staffA", "workstationEnterprisesA", Outcome.Allowed }, { "member", "workstationEnterprisesA", Outcome.Empty },
        { "staffA", "workstationEnterprisesB", Outcome.Empty }, { "member", "workstationEnterprisesB", Outcome.Allowed },
        { "importerA", "workstationEnterprisesA", Outcome.Forbidden }, { "dashboardA", "workstationEnterprisesA", Outcome.Forbidden }, { "anonymous", "workstationEnterprisesA", Outcome.Unauthenticated },
        { "admin", "parkEnterprisesB", Outcome.Allowed }, { "member", "parkEnterprisesB", Outcome.Allowed }, { "staffA", "parkEnterprisesB", Outcome.Empty },
        { "staffA", "parkEnterprisesA", Outcome.Allowed }, { "dashboardA", "parkEnterprisesA", Outcome.Forbidden },
        { "admin", "enterpriseWorkstationB", Outcome.Allowed }, { "member", "enterpriseWorkstationB", Outcome.Allowed }, { "staffA", "enterpriseWorkstationA", Outcome.Allowed },
        { "member", "enterpriseParkB", Outcome.Allowed }, { "staffA", "enterpriseParkA", Outcome.Allowed },
        { "importerA", "enterpriseWorkstationA", Outcome.Forbidden }, { "dashboardA", "enterpriseWorkstationA", Outcome.Forbidden },
        { "admin", "recordAOfEnterpriseB", Outcome.Allowed }, { "staffA", "recordAOfEnterpriseB", Outcome.Null }, { "member", "recordAOfEnterpriseB", Outcome.Allowed },
        { "admin", "statsEnterprisesA", Outcome.Allowed }, { "dashboardA", "statsEnterprisesA", Outcome.Allowed }, { "staffA", "statsEnterprisesA", Outcome.Forbidden },

        // viewer: every signed-in caller learns who it is; the nodes under it obey their types' policies and row rules.
        { "admin", "viewer", Outcome.Allowed }, { "staffA", "viewer", Outcome.Allowed }, { "member", "viewer", Outcome.Allowed },
        { "dashboardA", "viewer", Outcome.Allowed }, { "importerA", "viewer", Outcome.Allowed }, { "anonymous", "viewer", Outcome.Unauthenticated },
        { "staffA", "viewerWorkstations", Outcome.Allowed }, { "member", "viewerWorkstations", Outcome.Empty }, { "importerA", "viewerWorkstations", Outcome.Forbidden },
        { "dashboardA", "viewerPark", Outcome.Allowed }, { "staffA", "viewerPark", Outcome.Null },
        { "member", "viewerEnterprise", Outcome.Allowed }, { "staffA", "viewerEnterprise", Outcome.Null },

        // Identity: the audit log and the management of people and clients are the centre's alone.
        { "admin", "auditLog", Outcome.Allowed }, { "staffA", "auditLog", Outcome.Forbidden }, { "member", "auditLog", Outcome.Forbidden },
        { "dashboardA", "auditLog", Outcome.Forbidden }, { "importerA", "auditLog", Outcome.Forbidden }, { "anonymous", "auditLog", Outcome.Unauthenticated },
        { "admin", "createPerson", Outcome.Allowed }, { "staffA", "createPerson", Outcome.Forbidden }, { "member", "createPerson", Outcome.Forbidden },
        { "dashboardA", "createPerson", Outcome.Forbidden }, { "importerA", "createPerson", Outcome.Forbidden }, { "anonymous", "createPerson", Outcome.Unauthenticated },
        { "admin", "changePersonAccess", Outcome.Allowed }, { "staffA", "changePersonAccess", Outcome.Forbidden }, { "importerA", "changePersonAccess", Outcome.Forbidden }, { "anonymous", "changePersonAccess", Outcome.Unauthenticated },
        { "admin", "disablePerson", Outcome.Allowed }, { "staffA", "disablePerson", Outcome.Forbidden }, { "dashboardA", "disablePerson", Outcome.Forbidden }, { "anonymous", "disablePerson", Outcome.Unauthenticated },
        // Mail settings are a person's own: every person may change theirs, machine clients have none.
        { "staffA", "changeMyMailSettings", Outcome.Allowed }, { "member", "changeMyMailSettings", Outcome.Allowed },
        { "dashboardA", "changeMyMailSettings", Outcome.Forbidden }, { "importerA", "changeMyMailSettings", Outcome.Forbidden }, { "anonymous", "changeMyMailSettings", Outcome.Unauthenticated },
        { "admin", "registerClient", Outcome.Allowed }, { "staffA", "registerClient", Outcome.Forbidden }, { "member", "registerClient", Outcome.Forbidden },
        { "dashboardA", "registerClient", Outcome.Forbidden }, { "importerA", "registerClient", Outcome.Forbidden }, { "anonymous", "registerClient", Outcome.Unauthenticated },
        { "admin", "registerTrustedDocuments", Outcome.PayloadNotFound }, { "staffA", "registerTrustedDocuments", Outcome.Forbidden }, { "member", "registerTrustedDocuments", Outcome.Forbidden },
        { "dashboardA", "registerTrustedDocuments", Outcome.Forbidden }, { "importerA", "registerTrustedDocuments", Outcome.Forbidden }, { "anonymous", "registerTrustedDocuments", Outcome.Unauthenticated },
        { "admin", "rotateClientSecret", Outcome.Allowed }, { "staffA", "rotateClientSecret", Outcome.Forbidden }, { "importerA", "rotateClientSecret", Outcome.Forbidden }, { "anonymous", "rotateClientSecret", Outcome.Unauthenticated },
        { "admin", "revokeClient", Outcome.Allowed }, { "staffA", "revokeClient", Outcome.Forbidden }, { "dashboardA", "revokeClient", Outcome.Forbidden }, { "anonymous", "revokeClient", Outcome.Unauthenticated },

        // Enterprise records: people and importers (enterprises:read) see those of their own workstation or enterprise;
        // dashboards never see individual records.
        { "admin", "enterprises", Outcome.Allowed }, { "staffA", "enterprises", Outcome.Allowed }, { "member", "enterprises", Outcome.Allowed },
        { "importerA", "enterprises", Outcome.Allowed }, { "dashboardA", "enterprises", Outcome.Forbidden }, { "anonymous", "enterprises", Outcome.Unauthenticated },
        { "admin", "nodeEnterpriseB", Outcome.Allowed }, { "member", "nodeEnterpriseB", Outcome.Allowed }, { "staffA", "nodeEnterpriseB", Outcome.Null },
        { "importerA", "nodeEnterpriseB", Outcome.Null }, { "dashboardA", "nodeEnterpriseB", Outcome.Forbidden }, { "anonymous", "nodeEnterpriseB", Outcome.Unauthenticated },
        { "staffA", "nodeEnterpriseA", Outcome.Allowed }, { "importerA", "nodeEnterpriseA", Outcome.Allowed }, { "member", "nodeEnterpriseA", Outcome.Null },
        { "admin", "enterpriseByCreditCodeB", Outcome.Allowed }, { "member", "enterpriseByCreditCodeB", Outcome.Allowed }, { "staffA", "enterpriseByCreditCodeB", Outcome.Null },
        { "dashboardA", "enterpriseByCreditCodeB", Outcome.Forbidden }, { "anonymous", "enterpriseByCreditCodeB", Outcome.Unauthenticated },

        // Writing enterprise records: the centre, staff and importers of the enterprise's workstation; another tenant's
        // enterprise answers NOT_FOUND, as one that does not exist.
        { "admin", "registerEnterprise", Outcome.Allowed }, { "staffA", "registerEnterprise", Outcome.Allowed }, { "importerA", "registerEnterprise", Outcome.Allowed },
        { "member", "registerEnterprise", Outcome.PayloadForbidden }, { "dashboardA", "registerEnterprise", Outcome.Forbidden }, { "anonymous", "registerEnterprise", Outcome.Unauthenticated },
        { "staffA", "updateEnterpriseB", Outcome.PayloadNotFound }, { "importerA", "updateEnterpriseB", Outcome.PayloadNotFound }, { "dashboardA", "updateEnterpriseB", Outcome.Forbidden }, { "anonymous", "updateEnterpriseB", Outcome.Unauthenticated },
        { "staffA", "settleEnterpriseB", Outcome.PayloadNotFound }, { "importerA", "settleEnterpriseB", Outcome.Forbidden }, { "dashboardA", "settleEnterpriseB", Outcome.Forbidden }, { "anonymous", "settleEnterpriseB", Outcome.Unauthenticated },
        { "staffA", "recordMonthlySalesB", Outcome.PayloadNotFound }, { "admin", "recordMonthlySalesB", Outcome.Allowed }, { "dashboardA", "recordMonthlySalesB", Outcome.Forbidden }, { "anonymous", "recordMonthlySalesB", Outcome.Unauthenticated },
        { "staffA", "changeCertificationStatusB", Outcome.PayloadNotFound }, { "admin", "changeCertificationStatusB", Outcome.Allowed }, { "dashboardA", "changeCertificationStatusB", Outcome.Forbidden }, { "anonymous", "changeCertificationStatusB", Outcome.Unauthenticated },
        { "admin", "upsertEnterprises", Outcome.Allowed }, { "importerA", "upsertEnterprises", Outcome.Allowed }, { "dashboardA", "upsertEnterprises", Outcome.Forbidden }, { "anonymous", "upsertEnterprises", Outcome.Unauthenticated },
        { "dashboardA", "retryEnterpriseImport", Outcome.Forbidden }, { "anonymous", "retryEnterpriseImport", Outcome.Unauthenticated },
        { "anonymous", "startEnterpriseImport", Outcome.Unauthenticated },
        { "staffA", "retryIpRightImport", Outcome.PayloadNotFound }, { "dashboardA", "retryIpRightImport", Outcome.Forbidden }, { "importerA", "retryIpRightImport", Outcome.Forbidden },
        { "anonymous", "retryIpRightImport", Outcome.Unauthenticated }, { "anonymous", "startIpRightImport", Outcome.Unauthenticated },

        // Portfolios: rights and deadlines follow the enterprise's row rule; another tenant's right answers NOT_FOUND.
        { "admin", "ipRights", Outcome.Allowed }, { "staffA", "ipRights", Outcome.Allowed }, { "member", "ipRights", Outcome.Allowed },
        { "dashboardA", "ipRights", Outcome.Forbidden }, { "importerA", "ipRights", Outcome.Forbidden }, { "anonymous", "ipRights", Outcome.Unauthenticated },
        { "admin", "deadlines", Outcome.Allowed }, { "staffA", "deadlines", Outcome.Allowed }, { "member", "deadlines", Outcome.Allowed },
        { "dashboardA", "deadlines", Outcome.Forbidden }, { "importerA", "deadlines", Outcome.Forbidden }, { "anonymous", "deadlines", Outcome.Unauthenticated },
        { "admin", "nodeIpRightB", Outcome.Allowed }, { "member", "nodeIpRightB", Outcome.Allowed }, { "staffA", "nodeIpRightB", Outcome.Null },
        { "admin", "enterpriseIpRightsB", Outcome.Allowed }, { "member", "enterpriseIpRightsB", Outcome.Allowed }, { "staffA", "enterpriseIpRightsA", Outcome.Allowed },
        { "admin", "enterpriseDeadlinesB", Outcome.Allowed }, { "member", "enterpriseDeadlinesB", Outcome.Allowed }, { "staffA", "enterpriseDeadlinesA", Outcome.Allowed },
        { "admin", "recordIpRightA", Outcome.Allowed }, { "staffA", "recordIpRightA", Outcome.Allowed }, { "member", "recordIpRightB", Outcome.Allowed },
        { "staffA", "recordIpRightB", Outcome.PayloadNotFound }, { "member", "recordIpRightA", Outcome.PayloadNotFound },
        { "dashboardA", "recordIpRightA", Outcome.Forbidden }, { "importerA", "recordIpRightA", Outcome.Forbidden }, { "anonymous", "recordIpRightA", Outcome.Unauthenticated },
        { "admin", "recordIpRightEventB", Outcome.Allowed }, { "staffA", "recordIpRightEventB", Outcome.PayloadNotFound },
        { "dashboardA", "recordIpRightEventB", Outcome.Forbidden }, { "anonymous", "recordIpRightEventB", Outcome.Unauthenticated },
        { "staffA", "completeDeadlineA", Outcome.Allowed }, { "staffA", "completeDeadlineB", Outcome.PayloadNotFound },
        { "importerA", "completeDeadlineB", Outcome.Forbidden }, { "anonymous", "completeDeadlineB", Outcome.Unauthenticated },
        { "admin", "waiveDeadlineB", Outcome.Allowed }, { "staffA", "waiveDeadlineB", Outcome.PayloadNotFound },
        { "dashboardA", "waiveDeadlineB", Outcome.Forbidden }, { "anonymous", "waiveDeadlineB", Outcome.Unauthenticated },
        { "admin", "planFilingB", Outcome.Allowed }, { "staffA", "planFilingA", Outcome.Allowed }, { "staffA", "planFilingB", Outcome.PayloadNotFound },
        { "member", "planFilingA", Outcome.PayloadNotFound }, { "dashboardA", "planFilingA", Outcome.Forbidden }, { "anonymous", "planFilingA", Outcome.Unauthenticated },

        // Messaging's dead letters: the centre's alone.
        { "admin", "deadLetters", Outcome.Answered }, { "staffA", "deadLetters", Outcome.Forbidden }, { "importerA", "deadLetters", Outcome.Forbidden }, { "anonymous", "deadLetters", Outcome.Unauthenticated },
        { "admin", "replayDeadLetter", Outcome.Answered }, { "staffA", "replayDeadLetter", Outcome.Forbidden }, { "anonymous", "replayDeadLetter", Outcome.Unauthenticated },

        // Disputes: a case is its enterprise's (members), its workstation's (staff) and the centre's; machine clients never.
        { "admin", "disputeCases", Outcome.Allowed }, { "staffA", "disputeCases", Outcome.Allowed }, { "member", "disputeCases", Outcome.Allowed },
        { "dashboardA", "disputeCases", Outcome.Forbidden }, { "importerA", "disputeCases", Outcome.Forbidden }, { "anonymous", "disputeCases", Outcome.Unauthenticated },
        { "admin", "nodeCaseB", Outcome.Allowed }, { "member", "nodeCaseB", Outcome.Allowed }, { "staffA", "nodeCaseB", Outcome.Null }, { "dashboardA", "nodeCaseBPlain", Outcome.Null },
        { "admin", "enterpriseDisputeCasesB", Outcome.Allowed }, { "member", "enterpriseDisputeCasesB", Outcome.Allowed }, { "staffA", "enterpriseDisputeCasesB", Outcome.Null },
        { "member", "enterpriseNotificationsB", Outcome.Answered }, { "staffA", "enterpriseNotificationsB", Outcome.Null },
        { "admin", "campaigns", Outcome.Answered }, { "staffA", "campaigns", Outcome.Answered }, { "member", "campaigns", Outcome.Answered },
        { "dashboardA", "campaigns", Outcome.Forbidden }, { "anonymous", "campaigns", Outcome.Unauthenticated },
        { "admin", "experts", Outcome.Answered }, { "staffA", "experts", Outcome.Answered }, { "dashboardA", "experts", Outcome.Forbidden }, { "anonymous", "experts", Outcome.Unauthenticated },
        { "admin", "riskWarnings", Outcome.Answered }, { "member", "riskWarnings", Outcome.Answered }, { "dashboardA", "riskWarnings", Outcome.Forbidden },
        { "importerA", "riskWarnings", Outcome.Forbidden }, { "anonymous", "riskWarnings", Outcome.Unauthenticated },
        // A campaign's cases and a warning's deliveries: each caller pages them under the same row rules as the root lists.
        { "admin", "campaignCases", Outcome.Answered }, { "staffA", "campaignCases", Outcome.Answered }, { "member", "campaignCases", Outcome.Answered },
        { "dashboardA", "campaignCases", Outcome.Forbidden }, { "anonymous", "campaignCases", Outcome.Unauthenticated },
        { "admin", "warningNotifications", Outcome.Answered }, { "staffA", "warningNotifications", Outcome.Answered }, { "member", "warningNotifications", Outcome.Answered },
        { "dashboardA", "warningNotifications", Outcome.Forbidden }, { "anonymous", "warningNotifications", Outcome.Unauthenticated },
        { "admin", "disputeFlows", Outcome.Allowed }, { "member", "disputeFlows", Outcome.Allowed }, { "dashboardA", "disputeFlows", Outcome.Forbidden }, { "anonymous", "disputeFlows", Outcome.Unauthenticated },
        { "staffA", "openDisputeCaseA", Outcome.Allowed }, { "member", "openDisputeCaseB", Outcome.Allowed }, { "staffA", "openDisputeCaseB", Outcome.PayloadNotFound },
        { "member", "openDisputeCaseA", Outcome.PayloadNotFound }, { "dashboardA", "openDisputeCaseA", Outcome.Forbidden }, { "importerA", "openDisputeCaseA", Outcome.Forbidden },
        { "anonymous", "openDisputeCaseA", Outcome.Unauthenticated },
        { "admin", "moveDisputeCaseB", Outcome.Allowed }, { "staffA", "moveDisputeCaseB", Outcome.PayloadNotFound }, { "dashboardA", "moveDisputeCaseB", Outcome.Forbidden },
        { "anonymous", "moveDisputeCaseB", Outcome.Unauthenticated },
        { "staffA", "closeDisputeCaseB", Outcome.PayloadNotFound }, { "dashboardA", "closeDisputeCaseB", Outcome.Forbidden }, { "anonymous", "closeDisputeCaseB", Outcome.Unauthenticated },
        { "admin", "recordOnDisputeCaseB", Outcome.Allowed }, { "staffA", "recordOnDisputeCaseB", Outcome.PayloadNotFound }, { "importerA", "recordOnDisputeCaseB", Outcome.Forbidden },
        { "admin", "registerExpert", Outcome.Allowed }, { "staffA", "registerExpert", Outcome.Forbidden }, { "member", "registerExpert", Outcome.Forbidden },
        { "dashboardA", "registerExpert", Outcome.Forbidden }, { "anonymous", "registerExpert", Outcome.Unauthenticated },
        { "staffA", "assignExpertB", Outcome.PayloadNotFound }, { "member", "assignExpertB", Outcome.PayloadNotFound }, { "dashboardA", "assignExpertB", Outcome.Forbidden },
        { "anonymous", "assignExpertB", Outcome.Unauthenticated },
        { "staffA", "recordMediationB", Outcome.PayloadNotFound }, { "member", "recordMediationB", Outcome.PayloadNotFound }, { "dashboardA", "recordMediationB", Outcome.Forbidden },
        { "anonymous", "recordMediationB", Outcome.Unauthenticated },
        { "staffA", "concludeMediationB", Outcome.PayloadNotFound }, { "member", "concludeMediationB", Outcome.PayloadNotFound }, { "dashboardA", "concludeMediationB", Outcome.Forbidden },
        { "anonymous", "concludeMediationB", Outcome.Unauthenticated },
        { "admin", "openDisputeCampaign", Outcome.Allowed }, { "staffA", "openDisputeCampaign", Outcome.Allowed }, { "member", "openDisputeCampaign", Outcome.PayloadForbidden },
        { "dashboardA", "openDisputeCampaign", Outcome.Forbidden }, { "anonymous", "openDisputeCampaign", Outcome.Unauthenticated },
        { "staffA", "moveDisputeCampaignCases", Outcome.PayloadNotFound }, { "dashboardA", "moveDisputeCampaignCases", Outcome.Forbidden }, { "anonymous", "moveDisputeCampaignCases", Outcome.Unauthenticated },
        { "admin", "issueRiskWarning", Outcome.Allowed }, { "staffA", "issueRiskWarningB", Outcome.PayloadForbidden }, { "member", "issueRiskWarning", Outcome.PayloadForbidden },
        { "dashboardA", "issueRiskWarning", Outcome.Forbidden }, { "importerA", "issueRiskWarning", Outcome.Forbidden }, { "anonymous", "issueRiskWarning", Outcome.Unauthenticated },
        { "staffA", "markWarningRead", Outcome.PayloadNotFound }, { "member", "markWarningRead", Outcome.PayloadNotFound }, { "dashboardA", "markWarningRead", Outcome.Forbidden },
        { "anonymous", "markWarningRead", Outcome.Unauthenticated },
        { "anonymous", "addCaseEvidenceB", Outcome.Unauthenticated },
        { "staffA", "acknowledgeWarning", Outcome.PayloadNotFound }, { "dashboardA", "acknowledgeWarning", Outcome.Forbidden }, { "anonymous", "acknowledgeWarning", Outcome.Unauthenticated },
    }.WithTrainingRows().WithStatisticsSectionRows().WithParkManagerRows().WithWebhookRows();

    /// <summary>Root fields that exist only in the test host (a field that fails like a bug would).</summary>
    private static readonly string[] TestOnlyFields = ["failingForTests"];

    [Fact]
    public async Task The_matrix_covers_every_root_field_of_the_schema()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        var data = await host.CreateClient().DataAsync(
            "{ q: __type(name: \"Query\") { fields { name } } m: __type(name: \"Mutation\") { fields { name } } s: __type(name: \"Subscription\") { fields { name } } }");
        var rootFields = data.At("q.fields").EnumerateArray().Concat(data.At("m.fields").EnumerateArray()).Concat(data.At("s.fields").EnumerateArray())
            .Select(f => f.GetProperty("name").GetString()!)
            .Except(TestOnlyFields, StringComparer.OrdinalIgnoreCase);

        var covered = Matrix.Select(row => world.RootField(row.Data.Item2))
            .Concat(SubscriptionMatrix.Select(row => row.Data.Item2))
            .ToHashSet(StringComparer.Ordinal);

        var missing = rootFields.Where(f => !covered.Contains(f)).ToList();
        Assert.True(missing.Count == 0, $"Root fields without rows in the access matrix: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_exactly_what_its_role_allows(string caller, string operation, Outcome expected)
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        var (query, variables, field) = world.Operation(operation);

        var isMutation = query.TrimStart().StartsWith("mutation", StringComparison.Ordinal);
        var refused = isMutation && expected is not (Outcome.Allowed or Outcome.Answered);
        var before = refused ? await world.ChangesAsync(host) : 0;

        var response = await world.Client(host, caller).PostAsync(query, variables);

        if (refused)
        {
            // A refused mutation changed nothing: every change is audited in its own transaction (ADR 0009).
            Assert.Equal(before, await world.ChangesAsync(host));
        }

        switch (expected)
        {
            case Outcome.Unauthenticated:
                Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
                Assert.Contains("UNAUTHENTICATED", response.ErrorCodes);
                break;
            case Outcome.Forbidden:
                Assert.Equal(HttpStatusCode.Forbidden, response.Status);
                Assert.Contains("FORBIDDEN", response.ErrorCodes);
                Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, response.Text);
                break;
            case Outcome.PayloadForbidden:
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.Contains("FORBIDDEN", response.Data.At(field).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
                break;
            case Outcome.PayloadNotFound:
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.Contains("NOT_FOUND", response.Data.At(field).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
                break;
            case Outcome.Answered:
                Assert.True(response.Status == HttpStatusCode.OK && !response.HasErrors, response.Text);
                break;
            case Outcome.Null:
                Assert.True(response.Status == HttpStatusCode.OK && !response.HasErrors, response.Text);
                Assert.Equal(JsonValueKind.Null, response.Data.At(field).ValueKind);
                break;
            case Outcome.Empty:
                Assert.True(response.Status == HttpStatusCode.OK && !response.HasErrors, response.Text);
                Assert.Equal(0, response.Data.At(field).GetArrayLength());
                break;
            default:
                Assert.True(response.Status == HttpStatusCode.OK && !response.HasErrors, response.Text);
                var value = response.Data.At(field);
                Assert.NotEqual(JsonValueKind.Null, value.ValueKind);
                if (value.ValueKind == JsonValueKind.Array)
                {
                    Assert.NotEqual(0, value.GetArrayLength());
                }

                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("errors", out var errors))
                {
                    Assert.DoesNotContain("FORBIDDEN", errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()));
                }

                break;
        }
    }

    [Fact]
    public async Task Staff_of_another_workstation_get_the_same_answer_as_for_an_id_that_does_not_exist()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));
        var staff = world.Client(host, "staffA");
        var missing = GlobalId.Encode("ServiceRecord", Guid.CreateVersion7());
        const string query = "query($id: ID!) { node(id: $id) { id ... on ServiceRecord { topic } } }";

        var otherTenant = await staff.PostAsync(query, new { id = world.RecordB });
        var nonexistent = await staff.PostAsync(query, new { id = missing });

        Assert.Equal(nonexistent.Status, otherTenant.Status);
        Assert.Equal(nonexistent.Text, otherTenant.Text);
    }

    [Fact]
    public async Task Staff_asking_nodes_of_both_workstations_get_their_own_record_and_null_for_the_other()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));

        var data = await world.Client(host, "staffA").DataAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { ... on ServiceRecord { id topic } } }", new { ids = new[] { world.RecordA, world.RecordB } });

        Assert.Equal(world.RecordA, data.Str("nodes.0.id"));
        Assert.Equal(JsonValueKind.Null, data.At("nodes.1").ValueKind);
    }

    [Fact]
    public async Task A_dashboard_reads_the_counts_of_its_own_park()
    {
        var world = await Worlds.GetOrAdd(host, h => World.CreateAsync(h));

        var data = await world.Client(host, "dashboardA").DataAsync(
            "query($id: ID!) { parkStatistics(parkId: $id) { park { id name } workstationCount openWorkstationCount serviceRecordCount } }", new { id = world.ParkA });

        Assert.Equal(world.ParkA, data.Str("parkStatistics.park.id"));
        Assert.False(string.IsNullOrEmpty(data.Str("parkStatistics.park.name")));
        Assert.Equal(1, data.At("parkStatistics.workstationCount").GetInt32());
        Assert.Equal(1, data.At("parkStatistics.openWorkstationCount").GetInt32());
        Assert.True(data.At("parkStatistics.serviceRecordCount").GetInt32() >= 1);
    }

    /// <summary>The two tenants and a token per caller, created once per host through the API and the token endpoints.</summary>
    private sealed partial class World
    {
        public required string ParkA { get; init; }
        public required string ParkB { get; init; }
        public required string WorkstationA { get; init; }
        public required string WorkstationB { get; init; }
        public required string RecordA { get; init; }
        public required string RecordB { get; init; }
        public required string EnterpriseA { get; init; }
        public required string EnterpriseB { get; init; }
        public required string CreditCodeB { get; init; }
        public required string RecordAOfEnterpriseB { get; init; }
        public required string RightB { get; init; }
        public required string RightBForEvents { get; init; }
        public required string DeadlineA { get; init; }
        public required string DeadlineB { get; init; }
        public required string CaseA { get; init; }
        public required string CaseB { get; init; }
        public required Dictionary<string, string?> Tokens { get; init; }

        public GraphQLClient Client(PlatformHost host, string caller) =>
            Tokens[caller] is { } token ? host.CreateClient(token) : host.CreateAnonymousClient();

        public static async Task<World> CreateAsync(PlatformHost host)
        {
            var admin = host.CreateClient();
            var scenario = new WorkstationScenario(admin);
            var tag = WorkstationScenario.Tag();
            var parkA = await scenario.RegisterParkAsync($"Matrix park A {tag}");
            var parkB = await scenario.RegisterParkAsync($"Matrix park B {tag}");
            var workstationA = (await scenario.OpenAsync(parkA, $"Matrix WS A {tag}")).Str("id");
            var workstationB = (await scenario.OpenAsync(parkB, $"Matrix WS B {tag}")).Str("id");
            var enterprises = new Enterprises.EnterpriseScenario(admin);
            var enterpriseA = (await enterprises.RegisterAsync(Enterprises.EnterpriseScenario.NewCreditCode(), $"矩阵企业A {tag}")).Str("id");
            var creditCodeB = Enterprises.EnterpriseScenario.NewCreditCode();
            var enterpriseB = (await enterprises.RegisterAsync(creditCodeB, $"矩阵企业B {tag}")).Str("id");
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterpriseA, parkId = parkA, workstationId = workstationA, settledOn = "2025-01-06" });
            await enterprises.MutateAsync("settleEnterprise", "SettleEnterpriseInput", new { id = enterpriseB, parkId = parkB, workstationId = workstationB, settledOn = "2025-01-06" });
            var enterprise = Key(enterpriseB);
            var recordA = await RecordAsync(admin, workstationA, null);
            var recordB = await RecordAsync(admin, workstationB, enterpriseB);
            var recordAOfEnterpriseB = await RecordAsync(admin, workstationA, enterpriseB);
            await admin.DataAsync(
                "mutation($input: AssignStaffInput!) { assignStaff(input: $input) { errors { code } } }",
                new { input = new { workstationId = workstationB, personName = "Head of B", assignedOn = "2024-10-15" } });

            // The rosters follow the settlements through the outbox; wait for them so no change lands mid-matrix.
            await Eventually.MatchAsync(
                () => admin.DataAsync(
                    "query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Workstation { servedEnterprises { settledOn } } } b: node(id: $b) { ... on Workstation { servedEnterprises { settledOn } } } }",
                    new { a = workstationA, b = workstationB }),
                rosters => rosters.At("a.servedEnterprises").GetArrayLength() == 1 && rosters.At("b.servedEnterprises").GetArrayLength() == 1,
                "both rosters list their settled enterprise");

            var rightA = await RecordMarkAsync(admin, enterpriseA);
            var rightB = await RecordMarkAsync(admin, enterpriseB);
            var rightBForEvents = await RecordMarkAsync(admin, enterpriseB);

            var identity = host.Identity;
            var world = new World
            {
                ParkA = parkA,
                ParkB = parkB,
                WorkstationA = workstationA,
                WorkstationB = workstationB,
                RecordA = recordA,
                RecordB = recordB,
                EnterpriseA = enterpriseA,
                EnterpriseB = enterpriseB,
                CreditCodeB = creditCodeB,
                RecordAOfEnterpriseB = recordAOfEnterpriseB,
                RightB = rightB,
                RightBForEvents = rightBForEvents,
                DeadlineA = await RenewalOfAsync(admin, rightA),
                DeadlineB = await RenewalOfAsync(admin, rightB),
                CaseA = await OpenCaseAsync(admin, enterpriseA),
                CaseB = await OpenCaseAsync(admin, enterpriseB),
                Tokens = new()
                {
                    ["admin"] = host.AdminToken,
                    ["anonymous"] = null,
                    ["staffA"] = await identity.PersonTokenAsync("workstation_staff", [Key(workstationA)]),
                    ["member"] = await identity.PersonTokenAsync("enterprise_member", enterprise: enterprise),
                    ["dashboardA"] = await identity.DashboardTokenAsync(Key(parkA)),
                    ["importerA"] = await identity.ImporterTokenAsync(Key(workstationA)),
                    ["managerA"] = await identity.PersonTokenAsync(PlatformRoles.ParkManager, park: Key(parkA)),
                    ["managerWithoutPark"] = await identity.PersonTokenAsync(PlatformRoles.ParkManager),
                },
            };

            // Portfolios learns the settlements through the outbox too (ADR 0013).
            await Eventually.MatchAsync(
                () => world.Client(host, "staffA").DataAsync("{ ipRights(first: 5) { totalCount } }"),
                rights => rights.At("ipRights.totalCount").GetInt32() == 1,
                "staff of A see the right of enterprise A");
            world.Training = await TrainingWorld.CreateAsync(host, world.WorkstationA, world.EnterpriseA, world.Client(host, "member"));
            await Eventually.MatchAsync(
                () => world.Client(host, "staffA").DataAsync("{ disputeCases(first: 5) { totalCount } }"),
                cases => cases.At("disputeCases.totalCount").GetInt32() == 1,
                "staff of A see the dispute case of enterprise A");
            return world;
        }

        public (string Query, object Variables, string Field) Operation(string name) => name switch
        {
            _ when name.StartsWith("training", StringComparison.Ordinal) => TrainingOperation(name),
            _ when name.StartsWith("webhook", StringComparison.Ordinal) => WebhookOperation(name),
            _ when name.StartsWith("section", StringComparison.Ordinal) => StatisticsSectionOperation(name),
            "workstations" => ("{ workstations(first: 50) { totalCount } }", new { }, "workstations"),
            "parks" => ("{ parks(first: 50) { totalCount } }", new { }, "parks"),
            "statsA" => ("query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }", new { id = ParkA }, "parkStatistics"),
            "cityStatistics" => ("{ cityStatistics { workstationCount parks { park { id } } } }", new { }, "cityStatistics"),
            "statsB" => ("query($id: ID!) { parkStatistics(parkId: $id) { workstationCount } }", new { id = ParkB }, "parkStatistics"),
            "nodeRecordA" => ("query($id: ID!) { node(id: $id) { id ... on ServiceRecord { topic } } }", new { id = RecordA }, "node"),
            "nodeRecordB" => ("query($id: ID!) { node(id: $id) { id ... on ServiceRecord { topic } } }", new { id = RecordB }, "node"),
            "nodeRecordBPlain" => ("query($id: ID!) { node(id: $id) { id } }", new { id = RecordB }, "node"),
            "nodeWorkstationAPlain" => ("query($id: ID!) { node(id: $id) { id } }", new { id = WorkstationA }, "node"),
            "nodesAB" => ("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on ServiceRecord { topic } } }", new { ids = new[] { RecordA, RecordB } }, "nodes"),
            "recordsOfA" => ("query($id: ID!) { node(id: $id) { ... on Workstation { latestServiceRecords(count: 5) { topic } } } }", new { id = WorkstationA }, "node.latestServiceRecords"),
            "recordsOfB" => ("query($id: ID!) { node(id: $id) { ... on Workstation { latestServiceRecords(count: 5) { topic } } } }", new { id = WorkstationB }, "node.latestServiceRecords"),
            "staffOfB" => ("query($id: ID!) { node(id: $id) { ... on Workstation { staff { personName } } } }", new { id = WorkstationB }, "node.staff"),
            "registerPark" => ("mutation($input: RegisterParkInput!) { registerPark(input: $input) { errors { code } } }", new { input = new { name = $"Park {Guid.NewGuid():N}", city = "Wuhan" } }, "registerPark"),
            "openWorkstation" => ("mutation($input: OpenWorkstationInput!) { openWorkstation(input: $input) { errors { code } } }", new { input = new { name = $"WS {Guid.NewGuid():N}", parkId = ParkB, openedOn = "2024-10-15", level = "DISTRICT" } }, "openWorkstation"),
            "updateWorkstationB" => ("mutation($input: UpdateWorkstationInput!) { updateWorkstation(input: $input) { errors { code } } }", new { input = new { id = WorkstationB, expectedVersion = 1, head = "Someone else" } }, "updateWorkstation"),
            "closeWorkstationB" => ("mutation($input: CloseWorkstationInput!) { closeWorkstation(input: $input) { errors { code } } }", new { input = new { id = WorkstationB, expectedVersion = 1, closedOn = "2025-01-01" } }, "closeWorkstation"),
            "assignStaffB" => ("mutation($input: AssignStaffInput!) { assignStaff(input: $input) { errors { code } } }", new { input = new { workstationId = WorkstationB, personName = "Intruder", assignedOn = "2025-01-01" } }, "assignStaff"),
            "recordServiceA" => (RecordMutation, new { input = Record(WorkstationA) }, "recordService"),
            "recordServiceB" => (RecordMutation, new { input = Record(WorkstationB) }, "recordService"),
            "auditLog" => ("{ auditLog(first: 5) { totalCount } }", new { }, "auditLog"),
            "createPerson" => ("mutation($input: CreatePersonInput!) { createPerson(input: $input) { errors { code } } }", new { input = new { userName = $"m-{Guid.NewGuid():N}"[..20], displayName = "Matrix", password = "a long enough password", role = "enterprise_member", enterpriseId = GlobalId.Encode("Enterprise", Guid.CreateVersion7()) } }, "createPerson"),
            "changePersonAccess" => ("mutation($input: ChangePersonAccessInput!) { changePersonAccess(input: $input) { errors { code } } }", new { input = new { personId = GlobalId.Encode("Person", Guid.CreateVersion7()), role = "admin" } }, "changePersonAccess"),
            "changeMyMailSettings" => ("mutation($input: ChangeMyMailSettingsInput!) { changeMyMailSettings(input: $input) { mailSettings { language } errors { code } } }", new { input = new { language = "ZH" } }, "changeMyMailSettings"),
            "disablePerson" => ("mutation($input: DisablePersonInput!) { disablePerson(input: $input) { errors { code } } }", new { input = new { personId = GlobalId.Encode("Person", Guid.CreateVersion7()) } }, "disablePerson"),
            "registerClient" => ("mutation($input: RegisterClientInput!) { registerClient(input: $input) { errors { code } } }", new { input = new { kind = "IMPORTER", displayName = "Matrix importer", workstationId = WorkstationA } }, "registerClient"),
            "registerTrustedDocuments" => ("mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { errors { code } } }", new { input = new { clientId = "no-such-client", documents = new[] { "{ viewer { kind } }" } } }, "registerTrustedDocuments"),
            "rotateClientSecret" => ("mutation($input: RotateClientSecretInput!) { rotateClientSecret(input: $input) { errors { code } } }", new { input = new { clientId = "no-such-client" } }, "rotateClientSecret"),
            "revokeClient" => ("mutation($input: RevokeClientInput!) { revokeClient(input: $input) { errors { code } } }", new { input = new { clientId = "no-such-client" } }, "revokeClient"),
            "enterprises" => ("{ enterprises(first: 50) { nodes { id } } }", new { }, "enterprises.nodes"),
            "nodeEnterpriseA" => ("query($id: ID!) { node(id: $id) { id ... on Enterprise { nameZh } } }", new { id = EnterpriseA }, "node"),
            "nodeEnterpriseB" => ("query($id: ID!) { node(id: $id) { id ... on Enterprise { nameZh } } }", new { id = EnterpriseB }, "node"),
            "enterpriseByCreditCodeB" => ("query($code: String!) { enterpriseByCreditCode(creditCode: $code) { id nameZh } }", new { code = CreditCodeB }, "enterpriseByCreditCode"),
            "registerEnterprise" => ("mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { errors { code } } }", new { input = new { creditCode = Enterprises.EnterpriseScenario.NewCreditCode(), nameZh = "矩阵新企业", targetMarkets = new[] { "AE" }, salesPlatforms = new[] { "NOON" } } }, "registerEnterprise"),
            "updateEnterpriseB" => ("mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { errors { code } } }", new { input = new { id = EnterpriseB, expectedVersion = 2, nameEn = "Intruder" } }, "updateEnterprise"),
            "settleEnterpriseB" => ("mutation($input: SettleEnterpriseInput!) { settleEnterprise(input: $input) { errors { code } } }", new { input = new { id = EnterpriseB, parkId = ParkA, workstationId = WorkstationA, settledOn = "2025-06-01" } }, "settleEnterprise"),
            "recordMonthlySalesB" => ("mutation($input: RecordMonthlySalesInput!) { recordMonthlySales(input: $input) { errors { code } } }", new { input = new { id = EnterpriseB, month = "2025-05", units = 120 } }, "recordMonthlySales"),
            "changeCertificationStatusB" => ("mutation($input: ChangeCertificationStatusInput!) { changeCertificationStatus(input: $input) { errors { code } } }", new { input = new { id = EnterpriseB, platform = "NOON", status = "IN_PROGRESS", on = "2025-05-01" } }, "changeCertificationStatus"),
            "upsertEnterprises" => ("mutation($input: UpsertEnterprisesInput!) { upsertEnterprises(input: $input) { errors { code } } }", new { input = new { records = new[] { new { creditCode = Enterprises.EnterpriseScenario.NewCreditCode(), nameZh = "矩阵导入企业" } } } }, "upsertEnterprises"),
            "retryEnterpriseImport" => ("mutation($id: ID!) { retryEnterpriseImport(id: $id) { errors { code } } }", new { id = GlobalId.Encode("EnterpriseImport", Guid.CreateVersion7()) }, "retryEnterpriseImport"),
            "startEnterpriseImport" => ("mutation($key: String!) { startEnterpriseImport(input: { file: null, idempotencyKey: $key }) { errors { code } } }", new { key = "matrix" }, "startEnterpriseImport"),
            "retryIpRightImport" => ("mutation($id: ID!) { retryIpRightImport(id: $id) { errors { code } } }", new { id = GlobalId.Encode("IpRightImport", Guid.CreateVersion7()) }, "retryIpRightImport"),
            "startIpRightImport" => ("mutation($key: String!) { startIpRightImport(input: { file: null, idempotencyKey: $key }) { errors { code } } }", new { key = "matrix" }, "startIpRightImport"),
            "deadLetters" => ("{ deadLetters { id } }", new { }, "deadLetters"),
            "workstationEnterprisesA" => (EnterprisesOf, new { id = WorkstationA }, "node.enterprises.nodes"),
            "workstationEnterprisesB" => (EnterprisesOf, new { id = WorkstationB }, "node.enterprises.nodes"),
            "parkEnterprisesA" => (EnterprisesOfPark, new { id = ParkA }, "node.enterprises.nodes"),
            "parkEnterprisesB" => (EnterprisesOfPark, new { id = ParkB }, "node.enterprises.nodes"),
            "enterpriseWorkstationA" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { workstation { name } } } }", new { id = EnterpriseA }, "node.workstation"),
            "enterpriseWorkstationB" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { workstation { name } } } }", new { id = EnterpriseB }, "node.workstation"),
            "enterpriseParkA" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { park { name } } } }", new { id = EnterpriseA }, "node.park"),
            "enterpriseParkB" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { park { name } } } }", new { id = EnterpriseB }, "node.park"),
            "recordAOfEnterpriseB" => ("query($id: ID!) { node(id: $id) { ... on ServiceRecord { enterprise { nameZh } } } }", new { id = RecordAOfEnterpriseB }, "node.enterprise"),
            "statsEnterprisesA" => ("query($id: ID!) { parkStatistics(parkId: $id) { enterprises { settled } } }", new { id = ParkA }, "parkStatistics.enterprises"),
            "viewer" => ("{ viewer { kind subject displayName roles scopes } }", new { }, "viewer"),
            "viewerWorkstations" => ("{ viewer { workstations { name } } }", new { }, "viewer.workstations"),
            "viewerPark" => ("{ viewer { park { name } } }", new { }, "viewer.park"),
            "viewerEnterprise" => ("{ viewer { enterprise { nameZh } } }", new { }, "viewer.enterprise"),
            "replayDeadLetter" => ("mutation($id: ID!) { replayDeadLetter(id: $id) { errors { code } } }", new { id = GlobalId.Encode("DeadLetter", Guid.CreateVersion7()) }, "replayDeadLetter"),
            "ipRights" => ("{ ipRights(first: 50) { nodes { id } } }", new { }, "ipRights.nodes"),
            "deadlines" => ("{ deadlines(first: 50) { nodes { id } } }", new { }, "deadlines.nodes"),
            "nodeIpRightB" => ("query($id: ID!) { node(id: $id) { id ... on IpRight { nameZh } } }", new { id = RightB }, "node"),
            "enterpriseIpRightsA" => (IpRightsOf, new { id = EnterpriseA }, "node.ipRights.nodes"),
            "enterpriseIpRightsB" => (IpRightsOf, new { id = EnterpriseB }, "node.ipRights.nodes"),
            "enterpriseDeadlinesA" => (DeadlinesOf, new { id = EnterpriseA }, "node.deadlines.nodes"),
            "enterpriseDeadlinesB" => (DeadlinesOf, new { id = EnterpriseB }, "node.deadlines.nodes"),
            "recordIpRightA" => (RecordIpRightMutation, new { input = Mark(EnterpriseA) }, "recordIpRight"),
            "recordIpRightB" => (RecordIpRightMutation, new { input = Mark(EnterpriseB) }, "recordIpRight"),
            "recordIpRightEventB" => ("mutation($input: RecordIpRightEventInput!) { recordIpRightEvent(input: $input) { ipRight { id } errors { code } } }", new { input = new { rightId = RightBForEvents, kind = "OPPOSED", occurredOn = "2024-03-01" } }, "recordIpRightEvent"),
            "completeDeadlineA" => ("mutation($id: ID!) { completeDeadline(input: { id: $id }) { deadline { id } errors { code } } }", new { id = DeadlineA }, "completeDeadline"),
            "completeDeadlineB" => ("mutation($id: ID!) { completeDeadline(input: { id: $id }) { deadline { id } errors { code } } }", new { id = DeadlineB }, "completeDeadline"),
            "planFilingA" => (PlanFilingMutation, new { input = PlannedMark(EnterpriseA) }, "planFiling"),
            "planFilingB" => (PlanFilingMutation, new { input = PlannedMark(EnterpriseB) }, "planFiling"),
            "waiveDeadlineB" => ("mutation($id: ID!) { waiveDeadline(input: { id: $id }) { deadline { id } errors { code } } }", new { id = DeadlineB }, "waiveDeadline"),
            "disputeCases" => ("{ disputeCases(first: 50) { nodes { id } } }", new { }, "disputeCases.nodes"),
            "nodeCaseB" => ("query($id: ID!) { node(id: $id) { id ... on DisputeCase { title stage { key } } } }", new { id = CaseB }, "node"),
            "nodeCaseBPlain" => ("query($id: ID!) { node(id: $id) { id } }", new { id = CaseB }, "node"),
            "enterpriseDisputeCasesB" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { disputeCases { nodes { id } } } } }", new { id = EnterpriseB }, "node"),
            "enterpriseNotificationsB" => ("query($id: ID!) { node(id: $id) { ... on Enterprise { notifications { nodes { id } } } } }", new { id = EnterpriseB }, "node"),
            "campaigns" => ("{ campaigns(first: 5) { nodes { id } } }", new { }, "campaigns"),
            "experts" => ("{ experts(first: 5) { nodes { id } } }", new { }, "experts"),
            "riskWarnings" => ("{ riskWarnings(first: 5) { nodes { id reach } } }", new { }, "riskWarnings"),
            "campaignCases" => ("{ campaigns(first: 5) { nodes { cases(first: 5) { nodes { id } } } } }", new { }, "campaigns"),
            "warningNotifications" => ("{ riskWarnings(first: 5) { nodes { notifications(first: 5) { nodes { id } } } } }", new { }, "riskWarnings"),
            "disputeFlows" => ("{ disputeFlows { key stages { key } } }", new { }, "disputeFlows"),
            "openDisputeCaseA" => (OpenCaseMutation, new { input = Case(EnterpriseA) }, "openDisputeCase"),
            "openDisputeCaseB" => (OpenCaseMutation, new { input = Case(EnterpriseB) }, "openDisputeCase"),
            "moveDisputeCaseB" => ("mutation($input: MoveDisputeCaseInput!) { moveDisputeCase(input: $input) { disputeCase { id } errors { code } } }", new { input = new { caseId = CaseB, stage = "RESPONDED", on = "2025-02-01" } }, "moveDisputeCase"),
            "closeDisputeCaseB" => ("mutation($input: CloseDisputeCaseInput!) { closeDisputeCase(input: $input) { disputeCase { id } errors { code } } }", new { input = new { caseId = CaseB, outcome = "WITHDRAWN", on = "2025-03-01" } }, "closeDisputeCase"),
            "recordOnDisputeCaseB" => ("mutation($input: RecordOnDisputeCaseInput!) { recordOnDisputeCase(input: $input) { disputeCase { id } errors { code } } }", new { input = new { caseId = CaseB, note = "Called the complainant" } }, "recordOnDisputeCase"),
            "registerExpert" => ("mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { expert { id } errors { code } } }", new { input = new { name = "Matrix lawyer", kind = "LAWYER" } }, "registerExpert"),
            "recordMediationB" => ("mutation($input: RecordMediationInput!) { recordMediation(input: $input) { mediation { id } errors { code } } }",
                new { input = new { caseId = CaseB, mediatorId = GlobalId.Encode("Expert", Guid.CreateVersion7()), consultedOn = "2025-01-06", consultation = "c", applicant = "a", respondent = "r" } }, "recordMediation"),
            "concludeMediationB" => ("mutation($input: ConcludeMediationInput!) { concludeMediation(input: $input) { mediation { id } errors { code } } }",
                new { input = new { mediationId = GlobalId.Encode("DisputeMediation", Guid.CreateVersion7()), agreementReached = true, on = "2025-01-06" } }, "concludeMediation"),
            "assignExpertB" => ("mutation($input: AssignExpertInput!) { assignExpert(input: $input) { disputeCase { id } errors { code } } }", new { input = new { caseId = CaseB, expertId = GlobalId.Encode("Expert", Guid.CreateVersion7()) } }, "assignExpert"),
            "openDisputeCampaign" => ("mutation($input: OpenDisputeCampaignInput!) { openDisputeCampaign(input: $input) { campaign { id } errors { code } } }", new { input = new { name = "Matrix wave", kind = "TRADEMARK_SQUATTING", openedOn = "2025-01-10" } }, "openDisputeCampaign"),
            "moveDisputeCampaignCases" => ("mutation($input: MoveDisputeCampaignCasesInput!) { moveDisputeCampaignCases(input: $input) { campaign { id } errors { code } } }", new { input = new { campaignId = GlobalId.Encode("DisputeCampaign", Guid.CreateVersion7()), fromStage = "OPENED", stage = "RESPONDED", on = "2025-02-01" } }, "moveDisputeCampaignCases"),
            "issueRiskWarning" => (IssueWarningMutation, new { input = Warning(null) }, "issueRiskWarning"),
            "issueRiskWarningB" => (IssueWarningMutation, new { input = Warning(WorkstationB) }, "issueRiskWarning"),
            "addCaseEvidenceB" => ("mutation($id: ID!) { addCaseEvidence(input: { caseId: $id, file: null }) { errors { code } } }", new { id = CaseB }, "addCaseEvidence"),
            "markWarningRead" => ("mutation($id: ID!) { markWarningRead(input: { id: $id }) { notification { id } errors { code } } }", new { id = GlobalId.Encode("WarningNotification", Guid.CreateVersion7()) }, "markWarningRead"),
            "acknowledgeWarning" => ("mutation($id: ID!) { acknowledgeWarning(input: { id: $id }) { notification { id } errors { code } } }", new { id = GlobalId.Encode("WarningNotification", Guid.CreateVersion7()) }, "acknowledgeWarning"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown operation"),
        };

        /// <summary>The root field an operation starts with.</summary>
        public string RootField(string operation)
        {
            var query = Operation(operation).Query;
            var body = query[(query.IndexOf('{', StringComparison.Ordinal) + 1)..].TrimStart();
            return new string([.. body.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_')]);
        }

        private const string IpRightsOf = "query($id: ID!) { node(id: $id) { ... on Enterprise { ipRights(first: 10) { nodes { nameZh } } } } }";
        private const string DeadlinesOf = "query($id: ID!) { node(id: $id) { ... on Enterprise { deadlines(first: 10) { nodes { dueOn } } } } }";
        private const string RecordIpRightMutation = "mutation($input: RecordIpRightInput!) { recordIpRight(input: $input) { ipRight { id } errors { code } } }";

        private const string OpenCaseMutation = "mutation($input: OpenDisputeCaseInput!) { openDisputeCase(input: $input) { disputeCase { id } errors { code } } }";
        private const string IssueWarningMutation = "mutation($input: IssueRiskWarningInput!) { issueRiskWarning(input: $input) { riskWarning { id } errors { code } } }";

        private static object Case(string enterpriseId) =>
            new { enterpriseId, title = "Matrix complaint", kind = "PLATFORM_COMPLAINT", platform = "NOON", market = "AE", startedOn = "2025-01-10" };

        private static object Warning(string? workstationId) =>
            new { number = $"M-{Guid.NewGuid():N}", title = "Matrix warning", body = "Matrix", riskType = "POLICY_CHANGE", severity = "LOW", markets = new[] { "ZZ" }, validUntil = "2099-12-31", workstationId };

        private static async Task<string> OpenCaseAsync(GraphQLClient admin, string enterpriseId) =>
            (await admin.DataAsync(OpenCaseMutation, new { input = Case(enterpriseId) })).Str("openDisputeCase.disputeCase.id");

        private static object Mark(string enterpriseId) =>
            new { enterpriseId, kind = "TRADEMARK", jurisdiction = "CN", nameZh = "矩阵商标", niceClasses = new[] { 35 }, filedOn = "2019-06-01", registeredOn = "2020-06-01" };

        private const string PlanFilingMutation = "mutation($input: PlanFilingInput!) { planFiling(input: $input) { ipRight { id } errors { code } } }";

        private static object PlannedMark(string enterpriseId) =>
            new { enterpriseId, kind = "TRADEMARK", jurisdiction = "SA", nameZh = "矩阵商标", targetFilingOn = "2027-01-15" };

        private static async Task<string> RecordMarkAsync(GraphQLClient admin, string enterpriseId) =>
            (await admin.DataAsync(RecordIpRightMutation, new { input = Mark(enterpriseId) })).Str("recordIpRight.ipRight.id");

        private static async Task<string> RenewalOfAsync(GraphQLClient admin, string rightId) =>
            (await admin.DataAsync("query($r: ID!) { deadlines(where: { right: { eq: $r }, task: { eq: RENEWAL } }) { nodes { id } } }", new { r = rightId })).Str("deadlines.nodes.0.id");

        private const string EnterprisesOf = "query($id: ID!) { node(id: $id) { ... on Workstation { enterprises(first: 10) { nodes { nameZh } } } } }";
        private const string EnterprisesOfPark = "query($id: ID!) { node(id: $id) { ... on Park { enterprises(first: 10) { nodes { nameZh } } } } }";

        /// <summary>How many changes the platform has recorded: the same before and after a refused mutation.</summary>
        public async Task<int> ChangesAsync(PlatformHost host) =>
            (await host.CreateClient().DataAsync("{ auditLog(first: 1) { totalCount } }")).At("auditLog.totalCount").GetInt32();

        private const string RecordMutation = "mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } errors { code } } }";

        private static object Record(string workstationId) => new { workstationId, kind = "CONSULTATION", occurredOn = "2024-11-01", topic = "Matrix consultation" };

        private static async Task<string> RecordAsync(GraphQLClient admin, string workstationId, string? enterpriseId)
        {
            var data = await admin.DataAsync(RecordMutation, new { input = new { workstationId, kind = "CONSULTATION", occurredOn = "2024-11-01", topic = "Matrix consultation", enterpriseId } });
            return data.Str("recordService.serviceRecord.id");
        }

        private static Guid Key(string globalId) =>
            GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);
    }
}
