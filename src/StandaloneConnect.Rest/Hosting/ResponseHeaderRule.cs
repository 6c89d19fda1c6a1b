using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>What a <c>response.http.headers.config</c> rule does (Jetty's <c>HeaderFilter</c> actions).</summary>
public enum ResponseHeaderAction
{
    /// <summary>Replaces the header.</summary>
    Set,

    /// <summary>Adds a value to the header.</summary>
    Add,

    /// <summary>Replaces the header with the HTTP date of now plus the value in milliseconds.</summary>
    SetDate,

    /// <summary>Adds the HTTP date of now plus the value in milliseconds.</summary>
    AddDate,
}

/// <summary>
/// One rule of <c>response.http.headers.config</c>: <c>[action] [header name]: [header value]</c>. Rules are separated by
/// commas; a rule whose value contains a comma is written in double quotes (Jetty's <c>StringUtil.csvSplit</c>), e.g.
/// <c>set X-Frame-Options: DENY, "add Cache-Control: no-cache, no-store"</c>.
/// </summary>
public sealed partial record ResponseHeaderRule(ResponseHeaderAction Action, string Name, string Value)
{
    private const string Key = WorkerConfig.ResponseHttpHeadersConfig;

    /// <summary>Applies the rule to a response about to be written (<paramref name="now"/> for the date actions).</summary>
    public void Apply(IHeaderDictionary headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var value = Action is ResponseHeaderAction.SetDate or ResponseHeaderAction.AddDate
            ? HeaderUtilities.FormatDate(now.AddMilliseconds(long.Parse(Value, CultureInfo.InvariantCulture)))
            : Value;
        if (Action is ResponseHeaderAction.Set or ResponseHeaderAction.SetDate)
        {
            headers[Name] = value;
        }
        else
        {
            headers.Append(Name, value);
        }
    }

    /// <summary>Parses the whole setting; every invalid rule is reported (the messages are Kafka's).</summary>
    internal static IReadOnlyList<ResponseHeaderRule> ParseAll(string? config, List<string> problems)
    {
        var rules = new List<ResponseHeaderRule>();
        if (string.IsNullOrWhiteSpace(config))
        {
            return rules;
        }

        foreach (var entry in CsvSplit(config))
        {
            try
            {
                rules.Add(Parse(entry));
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message);
            }
        }

        return rules;
    }

    private static ResponseHeaderRule Parse(string rule)
    {
        var tokens = Whitespace().Split(rule.Trim(), 2);
        if (tokens.Length != 2)
        {
            throw Invalid(rule, $"Invalid format of header config '{rule}'. Expected: '[action] [header name]:[header value]'");
        }

        ResponseHeaderAction action = tokens[0].ToLowerInvariant() switch
        {
            "set" => ResponseHeaderAction.Set,
            "add" => ResponseHeaderAction.Add,
            "setdate" => ResponseHeaderAction.SetDate,
            "adddate" => ResponseHeaderAction.AddDate,
            _ => throw Invalid(rule, $"Invalid header config action: '{tokens[0]}'. Expected one of [set, add, setDate, addDate]"),
        };

        // Kafka also rejects a ':' in the value; a value such as "https://example.com" is accepted here.
        var header = tokens[1].Trim();
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? header : header[..colon].Trim();
        var value = colon < 0 ? "" : header[(colon + 1)..].Trim();
        if (colon < 0 || value.Length == 0)
        {
            throw Invalid(rule, $"Invalid format of header name and header value pair '{tokens[1]}'. Expected: '[header name]:[header value]'");
        }

        if (name.Length == 0 || Whitespace().IsMatch(name))
        {
            throw Invalid(rule, $"Invalid header name '{name}'. The '[header name]' cannot contain whitespace");
        }

        if (!HeaderToken().IsMatch(name) || value.Any(c => c > '\x7e' || (char.IsControl(c) && c != '\t')))
        {
            throw Invalid(rule, $"Invalid header '{name}: {value}': names are HTTP tokens, values visible ASCII characters");
        }

        if (action is ResponseHeaderAction.SetDate or ResponseHeaderAction.AddDate
            && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw Invalid(rule, $"Invalid value '{value}' for {tokens[0]}: expected the milliseconds to add to the current time");
        }

        return new ResponseHeaderRule(action, name, value);
    }

    private static ConfigException Invalid(string rule, string message) => new(Key, rule, message);

    /// <summary>Splits on commas outside double quotes; quotes are removed and <c>\</c> escapes the next character inside them.</summary>
    private static List<string> CsvSplit(string text)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                result.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            result.Add(last);
        }

        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderToken();
}
