using Xunit.Abstractions;
using Xunit.Sdk;

namespace Confab.Data.Tests.Engines;

/// <summary>
/// A fact declared once, in a contract class, and run by every subclass: it is skipped in a subclass marked
/// with a <see cref="RequiresEngineAttribute"/> whose engine is not configured (see <see cref="TestEngine"/>).
/// </summary>
[XunitTestCaseDiscoverer("Confab.Data.Tests.Engines.EngineFactDiscoverer", "Confab.Data.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EngineFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="EngineFactAttribute"/> tests, skipping them per test class.</summary>
public sealed class EngineFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        string? skipReason = testMethod.TestClass.Class.ToRuntimeType()
            .GetCustomAttributes(typeof(RequiresEngineAttribute), inherit: true)
            .Cast<RequiresEngineAttribute>()
            .Select(requirement => requirement.Engine.SkipReason)
            .FirstOrDefault(reason => reason is not null);

        return skipReason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                skipReason);
    }
}
