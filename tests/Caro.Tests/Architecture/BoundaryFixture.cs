// Deliberately bad module code, checked only by ModuleBoundaryTests to prove the boundary rule can fail.
#pragma warning disable CA1822, IDE0051

namespace Caro.Tests.Architecture.Fixture.Modules.Alpha.Contracts
{
    public sealed record PublicThing(int Value);
}

namespace Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal
{
    using Caro.Tests.Architecture.Fixture.Modules.Beta.Contracts;

    public sealed class UsesBetaContract
    {
        public BetaThing Thing { get; } = new(2);
    }

    public sealed class Secret
    {
        public static int Peek() => 42;
    }

    public sealed class OwnUse
    {
        public Secret Mine { get; } = new();
    }
}

namespace Caro.Tests.Architecture.Fixture.Modules.Beta.Contracts
{
    public sealed record BetaThing(int Value);
}

namespace Caro.Tests.Architecture.Fixture.Host
{
    public static class LeakyHost
    {
        public static object Make() =>
            new Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal.OwnUse();
    }
}

namespace Caro.Tests.Architecture.Fixture.Modules.Beta.Internal
{
    using Caro.Tests.Architecture.Fixture.Modules.Alpha.Contracts;
    using Caro.Tests.Architecture.Fixture.Modules.Alpha.Internal;

    public sealed class LeakyField
    {
        public Secret? Field;
    }

    public sealed class LeakyBody
    {
        public int Use() => Secret.Peek();
    }

    public sealed class LeakyGeneric
    {
        public int Count() => new List<Secret>().Count;
    }

    public sealed class Clean
    {
        public PublicThing Thing { get; } = new(1);
    }
}
