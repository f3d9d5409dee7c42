//! CloudWatch Logs JSON filter patterns, parsed so the CIS monitoring controls can be matched
//! semantically rather than by string equality.
//!
//! A pattern is parsed into an expression, flattened to disjunctive normal form (a list of
//! conjunctions of comparisons) and compared by implication: a metric filter covers a CIS
//! monitor when every event the CIS pattern selects is also selected by the filter. Whitespace,
//! quoting, term order and parentheses therefore do not matter, and a broader filter (fewer
//! exclusions, more event names, a matching wildcard) still counts.

use super::policy::wildcard_match;

/// One comparison: `$.eventName = CreateTrail`, `$.userIdentity.invokedBy NOT EXISTS`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Comparison {
    /// Selector without the leading `$.`, e.g. `eventName`.
    pub field: String,
    /// `=`, `!=`, `<`, `>`, `<=`, `>=`, `exists`, `not exists`, `is null`, `is not null`.
    pub op: String,
    /// Unquoted value (empty for existence tests).
    pub value: String,
}

/// A conjunction of comparisons.
pub type Conjunction = Vec<Comparison>;

/// Limit on the size of the normal form, so a hostile pattern cannot exhaust memory.
const MAX_CONJUNCTIONS: usize = 4096;

#[derive(Debug)]
enum Expr {
    Cmp(Comparison),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Word(String),
    Quoted(String),
}

fn tokenize(input: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | '{' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' | '}' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '&' if chars.get(i + 1) == Some(&'&') => {
                tokens.push(Token::And);
                i += 2;
            }
            '|' if chars.get(i + 1) == Some(&'|') => {
                tokens.push(Token::Or);
                i += 2;
            }
            '"' => {
                let mut value = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return None,
                        Some('\\') => {
                            value.push(*chars.get(i + 1)?);
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(ch) => {
                            value.push(*ch);
                            i += 1;
                        }
                    }
                }
                tokens.push(Token::Quoted(value));
            }
            '=' | '!' | '<' | '>' => {
                let mut op = c.to_string();
                if chars.get(i + 1) == Some(&'=') {
                    op.push('=');
                    i += 1;
                }
                i += 1;
                tokens.push(Token::Word(op));
            }
            _ => {
                let start = i;
                while i < chars.len() {
                    let ch = chars[i];
                    if ch.is_whitespace()
                        || matches!(ch, '(' | ')' | '{' | '}' | '=' | '!' | '<' | '>' | '"')
                        || (ch == '&' && chars.get(i + 1) == Some(&'&'))
                        || (ch == '|' && chars.get(i + 1) == Some(&'|'))
                    {
                        break;
                    }
                    i += 1;
                }
                tokens.push(Token::Word(chars[start..i].iter().collect()));
            }
        }
    }
    Some(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Option<Expr> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            items.push(self.and()?);
        }
        Some(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Option<Expr> {
        let mut items = vec![self.unary()?];
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            items.push(self.unary()?);
        }
        Some(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.peek() == Some(&Token::Open) {
            self.pos += 1;
            self.depth += 1;
            if self.depth > 64 {
                return None;
            }
            let inner = self.or()?;
            self.depth -= 1;
            return (self.next()? == Token::Close).then_some(inner);
        }
        self.comparison().map(Expr::Cmp)
    }

    fn comparison(&mut self) -> Option<Comparison> {
        let Token::Word(selector) = self.next()? else {
            return None;
        };
        let field = selector.strip_prefix("$.")?.to_string();
        let op = match self.next()? {
            Token::Word(w) if matches!(w.as_str(), "=" | "!=" | "<" | ">" | "<=" | ">=") => w,
            Token::Word(w) if w.eq_ignore_ascii_case("exists") => "exists".to_string(),
            Token::Word(w) if w.eq_ignore_ascii_case("not") => match self.next()? {
                Token::Word(x) if x.eq_ignore_ascii_case("exists") => "not exists".to_string(),
                _ => return None,
            },
            Token::Word(w) if w.eq_ignore_ascii_case("is") => match self.next()? {
                Token::Word(x) if x.eq_ignore_ascii_case("null") => "is null".to_string(),
                Token::Word(x) if x.eq_ignore_ascii_case("not") => match self.next()? {
                    Token::Word(y) if y.eq_ignore_ascii_case("null") => "is not null".to_string(),
                    _ => return None,
                },
                _ => return None,
            },
            _ => return None,
        };
        if matches!(
            op.as_str(),
            "exists" | "not exists" | "is null" | "is not null"
        ) {
            return Some(Comparison {
                field,
                op,
                value: String::new(),
            });
        }
        let value = match self.next()? {
            Token::Word(w) | Token::Quoted(w) => w,
            _ => return None,
        };
        Some(Comparison { field, op, value })
    }
}

fn dnf(expr: Expr) -> Option<Vec<Conjunction>> {
    match expr {
        Expr::Cmp(c) => Some(vec![vec![c]]),
        Expr::Or(items) => {
            let mut out = Vec::new();
            for item in items {
                out.extend(dnf(item)?);
                if out.len() > MAX_CONJUNCTIONS {
                    return None;
                }
            }
            Some(out)
        }
        Expr::And(items) => {
            let mut acc: Vec<Conjunction> = vec![Vec::new()];
            for item in items {
                let part = dnf(item)?;
                if acc.len().saturating_mul(part.len()) > MAX_CONJUNCTIONS {
                    return None;
                }
                let mut next = Vec::with_capacity(acc.len() * part.len());
                for left in &acc {
                    for right in &part {
                        let mut conj = left.clone();
                        conj.extend(right.iter().cloned());
                        next.push(conj);
                    }
                }
                acc = next;
            }
            Some(acc)
        }
    }
}

/// Parses a JSON filter pattern (`{ ($.a = x) && ... }`) into disjunctive normal form.
/// Returns `None` for patterns that are not JSON filter patterns or are too complex.
pub fn parse(pattern: &str) -> Option<Vec<Conjunction>> {
    let tokens = tokenize(pattern)?;
    if tokens.is_empty() {
        return None;
    }
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let expr = parser.or()?;
    if parser.pos != parser.tokens.len() {
        return None;
    }
    dnf(expr)
}

/// Whether comparison `broad` holds whenever `narrow` holds.
fn implied_by(broad: &Comparison, narrow: &Comparison) -> bool {
    if broad.field != narrow.field {
        return false;
    }
    if broad == narrow {
        return true;
    }
    // `$.f = "Create*"` holds whenever `$.f = CreateTrail` does.
    broad.op == "=" && narrow.op == "=" && wildcard_match(&broad.value, &narrow.value)
}

/// Whether a filter (in normal form) selects every event that `required` selects.
pub fn covers(filter: &[Conjunction], required: &[Conjunction]) -> bool {
    required.iter().all(|needed| {
        filter.iter().any(|conj| {
            conj.iter()
                .all(|broad| needed.iter().any(|narrow| implied_by(broad, narrow)))
        })
    })
}

/// The CIS monitoring events, each with the most specific pattern any CIS version gives.
/// A metric filter covers a monitor when it selects every event this pattern selects.
pub const CIS_MONITORS: &[(&str, &str)] = &[
    (
        "unauthorized_api_calls",
        r#"{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*"))
            && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }"#,
    ),
    (
        "console_signin_without_mfa",
        r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes")
            && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
    ),
    (
        "root_account_usage",
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS
            && $.eventType != "AwsServiceEvent" }"#,
    ),
    (
        "iam_policy_changes",
        r#"{ ($.eventSource = iam.amazonaws.com) && (($.eventName = DeleteGroupPolicy)
            || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy)
            || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy)
            || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy)
            || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion)
            || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy)
            || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy)
            || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy)
            || ($.eventName = DetachGroupPolicy)) }"#,
    ),
    (
        "cloudtrail_configuration_changes",
        r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail)
            || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"#,
    ),
    (
        "console_authentication_failures",
        r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#,
    ),
    (
        "cmk_disable_or_scheduled_deletion",
        r#"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey)
            || ($.eventName = ScheduleKeyDeletion)) }"#,
    ),
    (
        "s3_bucket_policy_changes",
        r#"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl)
            || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors)
            || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication)
            || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors)
            || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"#,
    ),
    (
        "config_changes",
        r#"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder)
            || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel)
            || ($.eventName = PutConfigurationRecorder)) }"#,
    ),
    (
        "security_group_changes",
        r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress)
            || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress)
            || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"#,
    ),
    (
        "nacl_changes",
        r#"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry)
            || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry)
            || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"#,
    ),
    (
        "network_gateway_changes",
        r#"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway)
            || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway)
            || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"#,
    ),
    (
        "route_table_changes",
        r#"{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute)
            || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute)
            || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable)
            || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"#,
    ),
    (
        "vpc_changes",
        r#"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute)
            || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection)
            || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection)
            || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc)
            || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"#,
    ),
    (
        "organizations_changes",
        r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake)
            || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount)
            || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy)
            || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization)
            || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy)
            || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType)
            || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization)
            || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount)
            || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy)
            || ($.eventName = UpdateOrganizationalUnit)) }"#,
    ),
];

/// The CIS monitors a filter pattern covers, or `None` when it cannot be parsed.
pub fn cis_monitors(pattern: &str) -> Option<Vec<String>> {
    let filter = parse(pattern)?;
    Some(
        CIS_MONITORS
            .iter()
            .filter(|(_, required)| parse(required).is_some_and(|req| covers(&filter, &req)))
            .map(|(id, _)| id.to_string())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cis_pattern_parses_and_covers_itself() {
        for (id, pattern) in CIS_MONITORS {
            let parsed = parse(pattern).unwrap_or_else(|| panic!("{id} does not parse"));
            assert!(covers(&parsed, &parsed), "{id}");
            assert_eq!(cis_monitors(pattern).unwrap(), vec![id.to_string()], "{id}");
        }
    }

    #[test]
    fn tolerant_of_order_whitespace_and_quotes() {
        let reordered = r#"{($.eventName=StopLogging)||($.eventName="DeleteTrail")||
            ($.eventName = UpdateTrail)  ||  ($.eventName=CreateTrail)||($.eventName=StartLogging)}"#;
        assert_eq!(
            cis_monitors(reordered).unwrap(),
            vec!["cloudtrail_configuration_changes"]
        );
    }

    #[test]
    fn broader_filters_count_narrower_do_not() {
        // The CIS v1.4 form without the delivery.logs/HeadBucket exclusions is broader.
        let old =
            r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#;
        assert!(
            cis_monitors(old)
                .unwrap()
                .contains(&"unauthorized_api_calls".to_string())
        );
        // Missing one event name: not covered.
        let partial = r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) }"#;
        assert!(cis_monitors(partial).unwrap().is_empty());
        // A wildcard that matches the event names counts.
        let wildcard = r#"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = Disable*) || ($.eventName = Schedule*)) }"#;
        assert_eq!(
            cis_monitors(wildcard).unwrap(),
            vec!["cmk_disable_or_scheduled_deletion"]
        );
        // The v3 string without inner parentheses is accepted too.
        let v3 = r#"{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }"#;
        assert!(
            cis_monitors(v3)
                .unwrap()
                .contains(&"unauthorized_api_calls".to_string())
        );
    }

    #[test]
    fn rejects_garbage_and_bounds_size() {
        assert!(parse("ERROR").is_none());
        assert!(parse("{ ($.a = 1 }").is_none());
        assert!(parse(&"(".repeat(500)).is_none());
        let huge = (0..20)
            .map(|i| format!("(($.a{i} = 1) || ($.b{i} = 2))"))
            .collect::<Vec<_>>()
            .join(" && ");
        assert!(parse(&format!("{{ {huge} }}")).is_none());
    }
}
