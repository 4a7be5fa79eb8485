using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using IpShield.SharedKernel.Access;
using IpShield.SharedKernel.GraphQL.Execution;
using IpShield.SharedKernel.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IpShield.SharedKernel.GraphQL.Payloads;

/// <summary>
/// A mutation declared once: its name, who may call it, its input type and its handler. The handler's parameters are
/// supplied by type (the input object, <see cref="AccessContext"/>, <see cref="CancellationToken"/>, anything else from
/// the request's services), its <c>Task&lt;Payload&lt;T&gt;&gt;</c> result gives the payload type
/// (<c>XPayload { resultField, errors }</c>), and database errors a user can cause become typed errors
/// (<see cref="PersistenceErrors"/>). A handler chosen as a deadlock victim runs again in a fresh scope (new
/// DbContexts, nothing left tracked), as MariaDB's manual advises: the database rolled the whole transaction back.
/// </summary>
public static class MutationFields
{
    private const int MaxAttempts = 3;

    public static FieldBuilder<object?, object> Mutation<TInputType, TResultType>(
        this ObjectGraphType mutation, string name, string policy, string resultField, Delegate handler)
        where TInputType : IInputObjectGraphType
        where TResultType : IGraphType
    {
        var method = handler.Method;
        var resultType = ResultOf(method) ?? throw new ArgumentException($"The handler of {name} must return Task<Payload<T>>.", nameof(handler));
        var payloadType = (IGraphType)Activator.CreateInstance(
            typeof(DerivedPayloadType<,>).MakeGenericType(resultType, typeof(TResultType)),
            $"{char.ToUpper(name[0], CultureInfo.InvariantCulture)}{name[1..]}Payload",
            resultField)!;
        var invoke = Invoker(handler, InputClassOf(typeof(TInputType)));
        var failure = typeof(Payload<>).MakeGenericType(resultType).GetMethod(nameof(Payload<object>.Failure), [typeof(UserError)])!;

        return mutation.Field(name, new NonNullGraphType(payloadType))
            .AuthorizeWithPolicy(policy)
            .Argument<NonNullGraphType<TInputType>>("input")
            .ResolveAsync(async context =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        if (attempt == 1)
                        {
                            return await invoke(context, context.RequestServices!);
                        }

                        await using var again = context.RequestServices!.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                        return await invoke(context, again.ServiceProvider);
                    }
                    catch (Exception exception) when (attempt < MaxAttempts && PersistenceErrors.IsTransientConflict(exception))
                    {
                        // Apart, so the writers that collided do not collide again in step.
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), context.CancellationToken);
                    }
                    catch (Exception exception) when (PersistenceErrors.ToUserError(exception) is { } error)
                    {
                        return failure.Invoke(null, [error]);
                    }
                }
            });
    }

    private static Type? ResultOf(MethodInfo method) =>
        method.ReturnType.IsGenericType
        && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
        && method.ReturnType.GetGenericArguments()[0] is { IsGenericType: true } payload
        && payload.GetGenericTypeDefinition() == typeof(Payload<>)
            ? payload.GetGenericArguments()[0]
            : null;

    private static Type InputClassOf(Type inputType)
    {
        for (var type = inputType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(InputObjectGraphType<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        throw new ArgumentException($"{inputType.Name} must derive from InputObjectGraphType<T>.", nameof(inputType));
    }

    /// <summary>
    /// Compiles <c>(context, services) => handler(arg1(context, services), …)</c> once, when the schema is built; the
    /// services are the request's, or a fresh scope's when the handler runs again.
    /// </summary>
    private static Func<IResolveFieldContext, IServiceProvider, Task<object?>> Invoker(Delegate handler, Type inputClass)
    {
        var context = Expression.Parameter(typeof(IResolveFieldContext), "context");
        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var arguments = handler.Method.GetParameters().Select(p => Expression.Call(
            typeof(MutationFields).GetMethod(p.ParameterType == inputClass ? nameof(Input) : nameof(Supply), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(p.ParameterType),
            context,
            services));
        var call = Expression.Invoke(Expression.Constant(handler), arguments);
        var boxed = Expression.Call(
            typeof(MutationFields).GetMethod(nameof(BoxAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(handler.Method.ReturnType.GetGenericArguments()[0]),
            call);
        return Expression.Lambda<Func<IResolveFieldContext, IServiceProvider, Task<object?>>>(boxed, context, services).Compile();
    }

    private static async Task<object?> BoxAsync<TPayload>(Task<TPayload> payload) => await payload;

    private static T Supply<T>(IResolveFieldContext context, IServiceProvider services)
        where T : notnull
    {
        if (typeof(T) == typeof(AccessContext))
        {
            return (T)(object)context.Access();
        }

        if (typeof(T) == typeof(CancellationToken))
        {
            return (T)(object)context.CancellationToken;
        }

        if (typeof(T) == typeof(IResolveFieldContext))
        {
            return (T)context;
        }

        return services.GetRequiredService<T>();
    }

    private static T Input<T>(IResolveFieldContext context, IServiceProvider _) => context.GetArgument<T>("input");
}

/// <summary>The payload type derived from a mutation's result: its result field plus <c>errors</c>.</summary>
internal sealed class DerivedPayloadType<TResult, TResultType>(string name, string resultField) : PayloadType<TResult, TResultType>(name, resultField)
    where TResult : class
    where TResultType : IGraphType;
