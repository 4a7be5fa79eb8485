using IpShield.SharedKernel.GraphQL.Relay;

namespace IpShield.Integration.Tests.Identity;

/// <summary>
/// The webhooks' rows of the access matrix (ADR 0024): a machine client (dashboard, importer, the centre's operator client)
/// manages its own endpoints; people, even of the centre, are refused; another client's endpoint is NOT_FOUND.
/// </summary>
public sealed partial class AccessMatrixTests
{
    internal static readonly (string Caller, string Operation, Outcome Expected)[] WebhookRows =
    [
        ("admin", "webhooks", Outcome.Answered), ("dashboardA", "webhooks", Outcome.Answered), ("importerA", "webhooks", Outcome.Answered),
        ("staffA", "webhooks", Outcome.Forbidden), ("member", "webhooks", Outcome.Forbidden), ("anonymous", "webhooks", Outcome.Unauthenticated),
        ("admin", "webhookRegister", Outcome.Allowed), ("dashboardA", "webhookRegister", Outcome.Allowed), ("importerA", "webhookRegister", Outcome.Allowed),
        ("staffA", "webhookRegister", Outcome.Forbidden), ("member", "webhookRegister", Outcome.Forbidden), ("anonymous", "webhookRegister", Outcome.Unauthenticated),
        ("dashboardA", "webhookUpdate", Outcome.PayloadNotFound), ("importerA", "webhookUpdate", Outcome.PayloadNotFound), ("staffA", "webhookUpdate", Outcome.Forbidden),
        ("anonymous", "webhookUpdate", Outcome.Unauthenticated),
        ("dashboardA", "webhookDisable", Outcome.PayloadNotFound), ("member", "webhookDisable", Outcome.Forbidden), ("anonymous", "webhookDisable", Outcome.Unauthenticated),
        ("importerA", "webhookEnable", Outcome.PayloadNotFound), ("staffA", "webhookEnable", Outcome.Forbidden), ("anonymous", "webhookEnable", Outcome.Unauthenticated),
        ("dashboardA", "webhookRotateSecret", Outcome.PayloadNotFound), ("staffA", "webhookRotateSecret", Outcome.Forbidden), ("anonymous", "webhookRotateSecret", Outcome.Unauthenticated),
        ("importerA", "webhookDelete", Outcome.PayloadNotFound), ("member", "webhookDelete", Outcome.Forbidden), ("anonymous", "webhookDelete", Outcome.Unauthenticated),
        ("dashboardA", "webhookReplayDelivery", Outcome.PayloadNotFound), ("staffA", "webhookReplayDelivery", Outcome.Forbidden), ("anonymous", "webhookReplayDelivery", Outcome.Unauthenticated),
    ];

    private sealed partial class World
    {
        private static (string Query, object Variables, string Field) WebhookOperation(string name)
        {
            static string Mutation(string field, string input, string result) => $"mutation($input: {input}!) {{ {field}(input: $input) {{ {result} errors {{ code }} }} }}";
            var missing = new { input = new { id = GlobalId.Encode("Webhook", Guid.CreateVersion7()) } };
            return name switch
            {
                "webhooks" => ("{ webhooks { id url } }", new { }, "webhooks"),
                // Port 9 on this machine refuses at once: nothing is ever delivered there.
                "webhookRegister" => (Mutation("registerWebhook", "RegisterWebhookInput", "webhook { id }"),
                    new { input = new { url = $"https://127.0.0.1:9/matrix/{Guid.NewGuid():N}", eventTypes = new[] { "CERTIFICATION_STATUS_CHANGED" } } }, "registerWebhook"),
                "webhookUpdate" => (Mutation("updateWebhook", "UpdateWebhookInput", "webhook { id }"), missing, "updateWebhook"),
                "webhookDisable" => (Mutation("disableWebhook", "WebhookIdInput", "webhook { id }"), missing, "disableWebhook"),
                "webhookEnable" => (Mutation("enableWebhook", "WebhookIdInput", "webhook { id }"), missing, "enableWebhook"),
                "webhookRotateSecret" => (Mutation("rotateWebhookSecret", "WebhookIdInput", "webhook { id }"), missing, "rotateWebhookSecret"),
                "webhookDelete" => (Mutation("deleteWebhook", "WebhookIdInput", "webhook { id }"), missing, "deleteWebhook"),
                "webhookReplayDelivery" => (Mutation("replayWebhookDelivery", "ReplayWebhookDeliveryInput", "delivery { id }"),
                    new { input = new { id = GlobalId.Encode("WebhookDelivery", Guid.CreateVersion7()) } }, "replayWebhookDelivery"),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown webhook operation"),
            };
        }
    }
}

internal static class AccessMatrixWebhookRows
{
    public static TheoryData<string, string, AccessMatrixTests.Outcome> WithWebhookRows(this TheoryData<string, string, AccessMatrixTests.Outcome> rows)
    {
        foreach (var (caller, operation, expected) in AccessMatrixTests.WebhookRows)
        {
            rows.Add(caller, operation, expected);
        }

        return rows;
    }
}
