using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;

namespace IpShield.SharedKernel.GraphQL.Execution;

/// <summary>
/// Bugs and outages reach the client as a code and a trace id to quote, never a message or stack of ours.
/// Errors the caller caused (validation, <see cref="Payloads.UserInputError"/>) pass unchanged.
/// </summary>
internal sealed class MaskedErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false, ExposeData = false })
{
    public const string InternalErrorCode = "INTERNAL_SERVER_ERROR";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is not UnhandledError)
        {
            return info;
        }

        var traceId = Activity.Current?.TraceId.ToString() ?? "none";
        info.Message = $"An internal error occurred. Quote trace id {traceId} when reporting it.";
        info.Extensions = new Dictionary<string, object?> { ["code"] = InternalErrorCode, ["traceId"] = traceId };
        return info;
    }
}
