namespace IpShield.Identity.Domain;

/// <summary>What a machine client is for; stored with the OpenIddict application and put in its tokens.</summary>
internal static class ClientKinds
{
    /// <summary>A third-party park dashboard: aggregates of one park, scope <c>stats:read</c>.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>An import script: enterprise records of one workstation, scopes <c>enterprises:import</c> and <c>enterprises:read</c>.</summary>
    public const string Importer = "importer";

    /// <summary>The city centre's own automation (configured, never created through the API): acts as an admin.</summary>
    public const string Operator = "operator";

    public const string PropertyKind = "client_kind";
    public const string PropertyPark = "park";
    public const string PropertyWorkstation = "workstation";

    /// <summary>The client's query-cost budget per minute, when the centre gave it one (else the configured default).</summary>
    public const string PropertyCostBudget = "cost_budget";

    /// <summary>The client's trusted documents: an object from document id (<c>sha256:…</c>) to the document's text.</summary>
    public const string PropertyTrustedDocuments = "trusted_documents";

    /// <summary>True when the client may send only its trusted documents.</summary>
    public const string PropertyTrustedDocumentsOnly = "trusted_documents_only";
}
