using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StandaloneConnect.Connectors.File;
using StandaloneConnect.Converters;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Tests.Plugins;

public sealed class PluginRegistryTests
{
    private static readonly Assembly TestAssembly = typeof(PluginRegistryTests).Assembly;
    private static readonly Assembly[] BuiltIns = [typeof(JsonConverter).Assembly, typeof(FileStreamSourceConnector).Assembly];

    private static PluginRegistry TestPlugins() => new([TestAssembly]);

    [TestCase("StandaloneConnect.Runtime.Tests.Plugins.RegistryProbeSourceConnector", TestName = "FindConnector_DotNetFullName_Resolves")]
    [TestCase("com.example.probe.RegistryProbeSourceConnector", TestName = "FindConnector_Alias_Resolves")]
    [TestCase("RegistryProbeSourceConnector", TestName = "FindConnector_SimpleName_Resolves")]
    [TestCase("RegistryProbeSource", TestName = "FindConnector_SimpleNameWithoutConnectorSuffix_Resolves")]
    [TestCase("  RegistryProbeSource  ", TestName = "FindConnector_NameWithSurroundingSpaces_Resolves")]
    public void FindConnector_AnyOfItsNames_ResolvesTheSourceConnector(string name)
    {
        var plugin = TestPlugins().FindConnector(name);

        plugin.Should().NotBeNull();
        plugin!.Type.Should().Be<RegistryProbeSourceConnector>();
        plugin.Kind.Should().Be(PluginType.Source);
        plugin.ClassName.Should().Be("com.example.probe.RegistryProbeSourceConnector", "the first alias is the Kafka-facing class name");
    }

    [TestCase("RegistryProbeSinkConnector")]
    [TestCase("RegistryProbeSink")]
    public void FindConnector_SinkName_ResolvesTheSinkConnectorWithItsFullNameAsClassName(string name)
    {
        var plugin = TestPlugins().FindConnector(name);

        plugin!.Type.Should().Be<RegistryProbeSinkConnector>();
        plugin.Kind.Should().Be(PluginType.Sink);
        plugin.ClassName.Should().Be(typeof(RegistryProbeSinkConnector).FullName);
    }

    [TestCase("registryprobesource")]
    [TestCase("RegistryProbe")]
    [TestCase("Probe")]
    [TestCase("")]
    public void FindConnector_NameThatIsNotOneOfItsNames_Null(string name)
    {
        TestPlugins().FindConnector(name).Should().BeNull();
    }

    [TestCase(PluginType.Converter, "RegistryProbeConverter", typeof(RegistryProbeConverter))]
    [TestCase(PluginType.Converter, "RegistryProbe", typeof(RegistryProbeConverter))]
    [TestCase(PluginType.Transformation, "RegistryProbeTransformation", typeof(RegistryProbeTransformation))]
    [TestCase(PluginType.Transformation, "RegistryProbe", typeof(RegistryProbeTransformation))]
    public void Find_SimpleNameOrWithoutTypeSuffix_ResolvesWithinTheKind(PluginType kind, string name, Type expected)
    {
        TestPlugins().Find(kind, name)!.Type.Should().Be(expected);
    }

    [Test]
    public void Find_NameOfAnotherKind_Null()
    {
        var registry = TestPlugins();

        registry.Find(PluginType.Converter, "RegistryProbeTransformation").Should().BeNull();
        registry.Find(PluginType.Source, "RegistryProbeSinkConnector").Should().BeNull();
    }

    [TestCase("com.example.probe.RegistryProbeField$Value", TestName = "Find_NestedClassByKafkaStyleAlias_Resolves")]
    [TestCase("StandaloneConnect.Runtime.Tests.Plugins.RegistryProbeField+Value", TestName = "Find_NestedClassByDotNetFullName_Resolves")]
    [TestCase("StandaloneConnect.Runtime.Tests.Plugins.RegistryProbeField$Value", TestName = "Find_NestedClassByFullNameWithDollar_Resolves")]
    public void Find_NestedTransformation_ResolvesByFullName(string name)
    {
        TestPlugins().Find(PluginType.Transformation, name)!.Type.Should().Be<RegistryProbeField.Value>();
    }

    [Test]
    public void Find_NestedClassByOuterAndInnerName_IsNotRegistered()
    {
        var registry = TestPlugins();

        registry.Find(PluginType.Transformation, "RegistryProbeField$Value").Should().BeNull("as in Kafka, nested classes need their full name");
        registry.Find(PluginType.Transformation, "RegistryProbeField").Should().BeNull("the abstract outer class is no plugin");
        registry.Plugins.Should().NotContain(p => p.Type == typeof(RegistryProbeField));
    }

    [Test]
    public void Find_TwoClassesWithTheSameSimpleName_OnlyTheFullNamesResolve()
    {
        var registry = TestPlugins();

        registry.Find(PluginType.Converter, "RegistryTwinConverter").Should().BeNull();
        registry.Find(PluginType.Converter, "RegistryTwin").Should().BeNull();
        registry.Find(PluginType.Converter, typeof(TwinAlpha.RegistryTwinConverter).FullName!)!.Type.Should().Be<TwinAlpha.RegistryTwinConverter>();
        registry.Find(PluginType.Converter, typeof(TwinBeta.RegistryTwinConverter).FullName!)!.Type.Should().Be<TwinBeta.RegistryTwinConverter>();
    }

    [Test]
    public void Constructor_SameAssemblyTwice_ScansItOnce()
    {
        var registry = new PluginRegistry([TestAssembly, TestAssembly]);

        registry.OfKind(PluginType.Source).Count(p => p.Type == typeof(RegistryProbeSourceConnector)).Should().Be(1);
        registry.FindConnector("RegistryProbeSource").Should().NotBeNull("a plugin scanned twice is not ambiguous with itself");
    }

    [TestCase("org.apache.kafka.connect.file.FileStreamSourceConnector", typeof(FileStreamSourceConnector), PluginType.Source)]
    [TestCase("FileStreamSource", typeof(FileStreamSourceConnector), PluginType.Source)]
    [TestCase("FileStreamSourceConnector", typeof(FileStreamSourceConnector), PluginType.Source)]
    [TestCase("StandaloneConnect.Connectors.File.FileStreamSourceConnector", typeof(FileStreamSourceConnector), PluginType.Source)]
    [TestCase("org.apache.kafka.connect.file.FileStreamSinkConnector", typeof(FileStreamSinkConnector), PluginType.Sink)]
    [TestCase("FileStreamSink", typeof(FileStreamSinkConnector), PluginType.Sink)]
    public void FindConnector_BuiltInFileConnectorName_Resolves(string name, Type expected, PluginType kind)
    {
        var plugin = new PluginRegistry(BuiltIns).FindConnector(name);

        plugin.Should().NotBeNull();
        plugin!.Type.Should().Be(expected);
        plugin.Kind.Should().Be(kind);
    }

    [TestCase(PluginType.Converter, "org.apache.kafka.connect.json.JsonConverter", typeof(JsonConverter))]
    [TestCase(PluginType.Converter, "JsonConverter", typeof(JsonConverter))]
    [TestCase(PluginType.Converter, "Json", typeof(JsonConverter))]
    [TestCase(PluginType.Converter, "org.apache.kafka.connect.storage.StringConverter", typeof(StringConverter))]
    [TestCase(PluginType.Converter, "String", typeof(StringConverter))]
    [TestCase(PluginType.HeaderConverter, "org.apache.kafka.connect.json.JsonConverter", typeof(JsonConverter))]
    [TestCase(PluginType.HeaderConverter, "org.apache.kafka.connect.storage.SimpleHeaderConverter", typeof(SimpleHeaderConverter))]
    public void Find_BuiltInConverterName_Resolves(PluginType kind, string name, Type expected)
    {
        new PluginRegistry(BuiltIns).Find(kind, name)!.Type.Should().Be(expected);
    }

    [Test]
    public void Constructor_TestAssemblyPlusBuiltIns_FindsBothSets()
    {
        var registry = new PluginRegistry([TestAssembly, .. BuiltIns]);

        registry.FindConnector("org.apache.kafka.connect.file.FileStreamSourceConnector")!.Type.Should().Be<FileStreamSourceConnector>();
        registry.Find(PluginType.Converter, "org.apache.kafka.connect.json.JsonConverter")!.Type.Should().Be<JsonConverter>();
        registry.FindConnector("com.example.probe.RegistryProbeSourceConnector")!.Type.Should().Be<RegistryProbeSourceConnector>();
        registry.Find(PluginType.Converter, "RegistryProbe")!.Type.Should().Be<RegistryProbeConverter>();
    }

    [Test]
    public void UnknownConnectorMessage_Name_ListsTheAvailableConnectorsOnly()
    {
        var registry = new PluginRegistry([TestAssembly, .. BuiltIns]);

        var message = registry.UnknownConnectorMessage("com.example.Nope");

        message.Should().StartWith("Failed to find any class that implements Connector and which name matches com.example.Nope, available connectors are: ");
        message.Should().Contain("org.apache.kafka.connect.file.FileStreamSourceConnector")
            .And.Contain("org.apache.kafka.connect.file.FileStreamSinkConnector")
            .And.Contain("com.example.probe.RegistryProbeSourceConnector")
            .And.Contain(typeof(RegistryProbeSinkConnector).FullName)
            .And.NotContain("JsonConverter");
    }

    [Test]
    public void UnknownPluginMessage_Kind_ListsThePluginsOfThatKind()
    {
        var message = new PluginRegistry(BuiltIns).UnknownPluginMessage(PluginType.Converter, "Avro");

        message.Should().StartWith("Class Avro could not be found. Available converter plugins are: ")
            .And.Contain("org.apache.kafka.connect.json.JsonConverter")
            .And.NotContain("FileStreamSource");
    }

    [Test]
    public void Create_ConstructorAskingForClockAndLogger_GetsTheRegistrysOnes()
    {
        var time = new FakeTimeProvider();
        using var loggers = new RecordingLoggerFactory();
        var registry = new PluginRegistry([TestAssembly], time, loggers);

        var converter = registry.Create<IConverter>(typeof(RegistryProbeConverter));

        var probe = converter.Should().BeOfType<RegistryProbeConverter>().Subject;
        probe.Time.Should().BeSameAs(time);
        probe.Logger.Should().NotBeNull();
        loggers.Categories.Should().Equal(typeof(RegistryProbeConverter).FullName);
    }

    [Test]
    public void Create_NoClockGiven_UsesTheSystemClock()
    {
        var probe = (RegistryProbeConverter)TestPlugins().Create<IConverter>(typeof(RegistryProbeConverter));

        probe.Time.Should().BeSameAs(TimeProvider.System);
    }

    [Test]
    public void Create_SeveralConstructors_UsesTheLongestOneItCanSatisfy()
    {
        var time = new FakeTimeProvider();

        var created = new PluginRegistry([], time).Create<CreateProbe>(typeof(CreateProbe));

        created.Time.Should().BeSameAs(time);
        created.Label.Should().Be("default", "an optional parameter gets its default value");
    }

    [Test]
    public void Create_NoUsableConstructor_ThrowsNamingTheClass()
    {
        var act = () => TestPlugins().Create<object>(typeof(NeedsAStringProbe));

        act.Should().Throw<ConnectException>().WithMessage($"Plugin class {typeof(NeedsAStringProbe).FullName} has no public constructor the worker can call");
    }

    [Test]
    public void Create_ConstructorThrows_WrapsTheCauseInConnectException()
    {
        var act = () => TestPlugins().Create<object>(typeof(ThrowingProbe));

        act.Should().Throw<ConnectException>().WithMessage($"Failed to instantiate {typeof(ThrowingProbe).FullName}: boom")
            .WithInnerException<InvalidOperationException>();
    }

    [TestCase(PluginType.Sink, "sink")]
    [TestCase(PluginType.Source, "source")]
    [TestCase(PluginType.Converter, "converter")]
    [TestCase(PluginType.HeaderConverter, "header_converter")]
    [TestCase(PluginType.Transformation, "transformation")]
    [TestCase(PluginType.Predicate, "predicate")]
    public void KindName_Kind_IsKafkasLowerCaseName(PluginType kind, string expected)
    {
        PluginDescriptor.KindName(kind).Should().Be(expected);
    }

    // Not exported, so no registry scan sees them; Create works on any type.
    internal sealed class CreateProbe
    {
        public CreateProbe()
        {
            Time = TimeProvider.System;
            Label = "parameterless";
        }

        public CreateProbe(TimeProvider time, string label = "default")
        {
            Time = time;
            Label = label;
        }

        public TimeProvider Time { get; }

        public string Label { get; }
    }

    internal sealed class NeedsAStringProbe(string required)
    {
        public string Required { get; } = required;
    }

    internal sealed class ThrowingProbe
    {
        public ThrowingProbe() => throw new InvalidOperationException("boom");
    }

    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public List<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
