using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Transforms;

public sealed class TransformationChainTests
{
    private static readonly PluginRegistry Plugins = new([typeof(ChainProbeAppendTransformation).Assembly]);

    private static SourceRecord Record(string? value) => new(null, null, "topic", null, value);

    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries)
    {
        var config = new Dictionary<string, string> { ["name"] = "c", ["connector.class"] = "X" };
        foreach (var (key, value) in entries)
        {
            config[key] = value;
        }

        return config;
    }

    [Test]
    public void Build_NoTransformsOrPredicates_IsEmptyAndPassesRecordsThrough()
    {
        using var chain = TransformationChain.Build(Config(), Plugins);
        var record = Record("v");

        chain.IsEmpty.Should().BeTrue();
        chain.Apply(record).Should().BeSameAs(record);
    }

    [TestCase("a,b", "v-1-2")]
    [TestCase("b, a", "v-2-1")]
    [TestCase("a", "v-1")]
    public void Apply_Transforms_RunInTheListedOrder(string transforms, string expected)
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", transforms),
            ("transforms.a.type", "ChainProbeAppendTransformation"),
            ("transforms.a.suffix", "-1"),
            ("transforms.b.type", "ChainProbeAppend"),
            ("transforms.b.suffix", "-2")), Plugins);

        chain.Apply(Record("v"))!.Value.Should().Be(expected);
        chain.Stages.Select(s => s.Alias).Should().Equal(transforms.Split(',').Select(a => a.Trim()));
    }

    [Test]
    public void Build_Transform_GetsItsOwnKeysWithThePrefixRemoved()
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", "a"),
            ("transforms.a.type", typeof(ChainProbeAppendTransformation).FullName!),
            ("transforms.a.suffix", "!"),
            ("transforms.a.times", "3"),
            ("transforms.other.suffix", "?")), Plugins);

        var smt = (ChainProbeAppendTransformation)chain.Stages.Should().ContainSingle().Subject.Transformation;
        smt.Configured.Should().Contain("suffix", "!").And.Contain("times", "3").And.NotContainKey("transforms.a.suffix");
        chain.Apply(Record("v"))!.Value.Should().Be("v!!!");
    }

    [Test]
    public void Build_TransformWithPredicate_DoesNotGetTheStageKeys()
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", "a"),
            ("transforms.a.type", typeof(ChainProbeAppendTransformation).FullName!),
            ("transforms.a.suffix", "+"),
            ("transforms.a.predicate", "p"),
            ("transforms.a.negate", "true"),
            ("predicates", "p"),
            ("predicates.p.type", typeof(ChainProbeValueIsPredicate).FullName!),
            ("predicates.p.value", "x")), Plugins);

        var smt = (ChainProbeAppendTransformation)chain.Stages.Single().Transformation;
        smt.Configured.Should().ContainKey("type").And.NotContainKeys("predicate", "negate");
    }

    // Kafka's TransformationStage: the SMT applies when predicate.test(record) XOR negate.
    [TestCase("hit", "false", "hit+", TestName = "Apply_PredicateTrueNotNegated_Transforms")]
    [TestCase("miss", "false", "miss", TestName = "Apply_PredicateFalseNotNegated_Skips")]
    [TestCase("hit", "true", "hit", TestName = "Apply_PredicateTrueNegated_Skips")]
    [TestCase("miss", "true", "miss+", TestName = "Apply_PredicateFalseNegated_Transforms")]
    [TestCase("miss", null, "miss", TestName = "Apply_PredicateFalseNegateNotSet_Skips")]
    [TestCase("hit", " TRUE ", "hit", TestName = "Apply_NegateInUpperCaseWithSpaces_IsTrue")]
    public void Apply_TransformWithPredicate_AppliesWhenTestXorNegate(string value, string? negate, string expected)
    {
        var config = Config(
            ("predicates", "isHit"),
            ("predicates.isHit.type", "ChainProbeValueIsPredicate"),
            ("predicates.isHit.value", "hit"),
            ("transforms", "mark"),
            ("transforms.mark.type", "ChainProbeAppend"),
            ("transforms.mark.suffix", "+"),
            ("transforms.mark.predicate", "isHit"));
        if (negate is not null)
        {
            config["transforms.mark.negate"] = negate;
        }

        using var chain = TransformationChain.Build(config, Plugins);

        chain.Apply(Record(value))!.Value.Should().Be(expected);
    }

    [Test]
    public void Build_PredicateByPrunedName_IsResolvedAndAttachedToTheStage()
    {
        using var chain = TransformationChain.Build(Config(
            ("predicates", "p"),
            ("predicates.p.type", "ChainProbeValueIs"),
            ("predicates.p.value", "x"),
            ("transforms", "t"),
            ("transforms.t.type", "ChainProbeAppend"),
            ("transforms.t.suffix", "s"),
            ("transforms.t.predicate", "p"),
            ("transforms.t.negate", "true")), Plugins);

        var stage = chain.Stages.Should().ContainSingle().Subject;
        stage.PredicateAlias.Should().Be("p");
        stage.Predicate.Should().BeOfType<ChainProbeValueIsPredicate>();
        stage.Negate.Should().BeTrue();
    }

    [Test]
    public void Apply_TransformDropsTheRecord_LaterTransformsDoNotRun()
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", "drop,after"),
            ("transforms.drop.type", "ChainProbeDropTransformation"),
            ("transforms.after.type", "ChainProbeAppend"),
            ("transforms.after.suffix", "x")), Plugins);

        var result = chain.Apply(Record("v"));

        result.Should().BeNull();
        ((ChainProbeAppendTransformation)chain.Stages[1].Transformation).Calls.Should().Be(0);
    }

    [Test]
    public void Apply_DropperSkippedByItsPredicate_RecordContinues()
    {
        using var chain = TransformationChain.Build(Config(
            ("predicates", "isTomb"),
            ("predicates.isTomb.type", "ChainProbeValueIsPredicate"),
            ("predicates.isTomb.value", "tomb"),
            ("transforms", "drop,after"),
            ("transforms.drop.type", "ChainProbeDrop"),
            ("transforms.drop.predicate", "isTomb"),
            ("transforms.after.type", "ChainProbeAppend"),
            ("transforms.after.suffix", "!")), Plugins);

        chain.Apply(Record("tomb")).Should().BeNull();
        chain.Apply(Record("live"))!.Value.Should().Be("live!");
    }

    [Test]
    public void Build_SeveralProblems_ReportsEveryOneTogether()
    {
        var config = Config(
            ("predicates", "ok"),
            ("predicates.ok.type", "ChainProbeValueIsPredicate"),
            ("predicates.ok.value", "x"),
            ("transforms", "noType,unknown,badPred,badNegate,badCfg"),
            ("transforms.unknown.type", "com.example.Nope"),
            ("transforms.badPred.type", "ChainProbeDrop"),
            ("transforms.badPred.predicate", "missing"),
            ("transforms.badNegate.type", "ChainProbeDrop"),
            ("transforms.badNegate.predicate", "ok"),
            ("transforms.badNegate.negate", "maybe"),
            ("transforms.badCfg.type", "ChainProbeAppend"),
            ("transforms.badCfg.times", "often"));

        var act = () => TransformationChain.Build(config, Plugins);

        var problems = act.Should().Throw<ConfigValidationException>().Which.Problems;
        problems.Should().HaveCount(6);
        problems.Should().Contain([
            "Missing required configuration \"transforms.noType.type\" which has no default value.",
            "Invalid value missing for configuration transforms.badPred.predicate: Predicate alias missing is not listed in 'predicates'",
            "Invalid value maybe for configuration transforms.badNegate.negate: Expected value to be either true or false",
            "transforms.badCfg.suffix: Missing required configuration \"suffix\" which has no default value.",
            "transforms.badCfg.times: Invalid value often for configuration times: Not a number of type INT",
        ]);
        problems.Should().ContainSingle(p => p.StartsWith("Invalid value com.example.Nope for configuration transforms.unknown.type: ", StringComparison.Ordinal))
            .Which.Should().Contain("Class com.example.Nope could not be found. Available transformation plugins are: ")
            .And.Contain(typeof(ChainProbeAppendTransformation).FullName);
    }

    [Test]
    public void Validate_SameProblems_ReturnsThemWithoutThrowing()
    {
        var config = Config(("transforms", "a"), ("transforms.a.type", "ChainProbeAppend"), ("transforms.a.suffix", ""));

        TransformationChain.Validate(config, Plugins).Should().Equal(
            "transforms.a.suffix: Invalid value  for configuration suffix: String must be non-empty");
    }

    [Test]
    public void Validate_ValidChain_NoProblems()
    {
        var config = Config(("transforms", "a"), ("transforms.a.type", "ChainProbeAppend"), ("transforms.a.suffix", "x"));

        TransformationChain.Validate(config, Plugins).Should().BeEmpty();
    }

    [Test]
    public void Build_PredicateWithoutType_ReportsTheMissingKeyAndTheTransformThatUsesIt()
    {
        var config = Config(
            ("predicates", "p"),
            ("transforms", "t"),
            ("transforms.t.type", "ChainProbeDrop"),
            ("transforms.t.predicate", "p"));

        TransformationChain.Validate(config, Plugins).Should().BeEquivalentTo(
            "Missing required configuration \"predicates.p.type\" which has no default value.",
            "Invalid value p for configuration transforms.t.predicate: The predicate could not be created");
    }

    [Test]
    public void Build_UnknownPredicateType_ListsTheAvailablePredicates()
    {
        var config = Config(("predicates", "p"), ("predicates.p.type", "Nope"));

        TransformationChain.Validate(config, Plugins).Should().ContainSingle()
            .Which.Should().StartWith("Invalid value Nope for configuration predicates.p.type: Class Nope could not be found. Available predicate plugins are: ")
            .And.Contain(typeof(ChainProbeValueIsPredicate).FullName);
    }

    [Test]
    public void Build_PredicateConfigError_IsPrefixedWithThePredicatesKey()
    {
        var config = Config(("predicates", "p"), ("predicates.p.type", "ChainProbeValueIs"));

        TransformationChain.Validate(config, Plugins).Should().Equal(
            "predicates.p.value: Missing required configuration \"value\" which has no default value.");
    }

    [Test]
    public void Dispose_Chain_DisposesEveryTransformationAndPredicate()
    {
        var chain = TransformationChain.Build(Config(
            ("predicates", "p"),
            ("predicates.p.type", "ChainProbeValueIs"),
            ("predicates.p.value", "x"),
            ("transforms", "t"),
            ("transforms.t.type", "ChainProbeAppend"),
            ("transforms.t.suffix", "s"),
            ("transforms.t.predicate", "p")), Plugins);
        var smt = (ChainProbeAppendTransformation)chain.Stages[0].Transformation;
        var predicate = (ChainProbeValueIsPredicate)chain.Stages[0].Predicate!;

        chain.Dispose();

        smt.Disposed.Should().BeTrue();
        predicate.Disposed.Should().BeTrue();
    }

    [Test]
    public void TryApply_AFailingStage_IsReportedWithItsOwnClass_AndTheRecordIsSkipped()
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", "a,fail,b"),
            ("transforms.a.type", "ChainProbeAppend"),
            ("transforms.a.suffix", "-1"),
            ("transforms.fail.type", "com.example.ChainProbeFail"),
            ("transforms.b.type", "ChainProbeAppend"),
            ("transforms.b.suffix", "-2")), Plugins);
        var reporter = new CollectingReporter();
        using var errors = new ErrorHandler(new ErrorHandlerSettings(true, TimeSpan.Zero, TimeSpan.FromMinutes(1), false, false), "c-0",
            [reporter], TimeProvider.System, NullLogger.Instance);
        var appended = (ChainProbeAppendTransformation)chain.Stages[0].Transformation;

        chain.TryApply(Record("ok"), errors, null, CancellationToken.None, out var passed).Should().BeTrue();
        chain.TryApply(Record("bad"), errors, null, CancellationToken.None, out var failed).Should().BeFalse();

        passed!.Value.Should().Be("ok-1-2");
        failed.Should().BeNull();
        appended.Calls.Should().Be(2, "the stages before the failing one ran");
        var error = reporter.Errors.Should().ContainSingle().Subject;
        error.Stage.Should().Be(Stage.Transformation);
        error.ExecutingClass.Should().Be(typeof(ChainProbeFailTransformation), "as in Kafka, the failing SMT's class, not the chain's");
        KafkaClassNames.Of(error.ExecutingClass).Should().Be("com.example.ChainProbeFail");
        KafkaClassNames.OfException(error.Exception).Should().Be("org.apache.kafka.connect.errors.DataException");
    }

    [Test]
    public void TryApply_ToleranceNone_FailsWithToleranceExceeded()
    {
        using var chain = TransformationChain.Build(Config(("transforms", "fail"), ("transforms.fail.type", "com.example.ChainProbeFail")), Plugins);
        using var errors = new ErrorHandler(ErrorHandlerSettings.None, "c-0", [], TimeProvider.System, NullLogger.Instance);

        var act = () => chain.TryApply(Record("bad"), errors, null, CancellationToken.None, out _);

        act.Should().Throw<ConnectException>().WithMessage("Tolerance exceeded in error handler")
            .WithInnerException<DataException>().WithMessage("probe cannot handle bad");
    }

    [Test]
    public void TryApply_ADroppingStage_EndsTheChainWithoutAnError()
    {
        using var chain = TransformationChain.Build(Config(
            ("transforms", "drop,fail"),
            ("transforms.drop.type", "ChainProbeDrop"),
            ("transforms.fail.type", "com.example.ChainProbeFail")), Plugins);
        using var errors = new ErrorHandler(ErrorHandlerSettings.None, "c-0", [], TimeProvider.System, NullLogger.Instance);

        chain.TryApply(Record("bad"), errors, null, CancellationToken.None, out var result).Should().BeTrue();

        result.Should().BeNull();
    }

    private sealed class CollectingReporter : IErrorReporter
    {
        public List<ProcessingError> Errors { get; } = [];

        public void Report(ProcessingError error) => Errors.Add(error);
    }
}
