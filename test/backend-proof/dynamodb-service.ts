import type { CallFacts, LoopbackService, ServiceRequest, ServiceResponse } from "./service";

/**
 * The minimum of DynamoDB (JSON 1.0 protocol) that Terraform's lock table uses: GetItem, PutItem
 * and DeleteItem with the condition expressions the backend sends (`attribute_not_exists(x)`,
 * `attribute_exists(x)`, `x = :v`, joined by AND), and DescribeTable. Items live in memory, keyed
 * by the table's hash key `LockID`. An unknown operation or condition is answered 400 and named.
 */

type AttributeValue = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, AttributeValue>>;

interface ItemRequest {
  readonly TableName?: string;
  readonly Key?: Item;
  readonly Item?: Item;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Item;
}

const JSON_TYPE = "application/x-amz-json-1.0";
const HASH_KEY = "LockID";

function reply(status: number, body: unknown): ServiceResponse {
  return { status, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(body) };
}

function dynamoError(type: string, message: string, status = 400): ServiceResponse {
  return reply(status, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
}

function parse(request: ServiceRequest): ItemRequest {
  return request.body.length ? (JSON.parse(request.body.toString("utf8")) as ItemRequest) : {};
}

function hashKeyOf(item: Item | undefined): string | undefined {
  const value = item?.[HASH_KEY]?.S;
  return typeof value === "string" ? value : undefined;
}

export class DynamoDbService implements LoopbackService {
  private readonly tables = new Map<string, Map<string, Item>>();

  constructor(tableNames: readonly string[]) {
    for (const name of tableNames) this.tables.set(name, new Map());
  }

  /** Items of a table (for test assertions): LockID values. */
  lockIds(table: string): string[] {
    return [...(this.tables.get(table)?.keys() ?? [])];
  }

  describe(request: ServiceRequest): CallFacts {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.replace(/^DynamoDB_20120810\./, "") || "Unsupported (no X-Amz-Target)";
    const body = parse(request);
    const leadingKey = hashKeyOf(body.Key) ?? hashKeyOf(body.Item);
    return {
      operation,
      ...(body.TableName ? { table: body.TableName } : {}),
      ...(leadingKey !== undefined ? { leadingKeys: [leadingKey] } : {}),
    };
  }

  accessDenied(facts: CallFacts): ServiceResponse {
    return dynamoError("AccessDeniedException", `not authorized to perform dynamodb:${facts.operation}`);
  }

  handle(request: ServiceRequest, facts: CallFacts): ServiceResponse {
    const body = parse(request);
    const table = this.tables.get(body.TableName ?? "");
    if (!table) return dynamoError("ResourceNotFoundException", "Requested resource not found");
    const id = facts.leadingKeys?.[0];
    switch (facts.operation) {
      case "DescribeTable":
        return reply(200, {
          Table: {
            TableName: body.TableName,
            TableStatus: "ACTIVE",
            KeySchema: [{ AttributeName: HASH_KEY, KeyType: "HASH" }],
            AttributeDefinitions: [{ AttributeName: HASH_KEY, AttributeType: "S" }],
          },
        });
      case "GetItem": {
        const item = id === undefined ? undefined : table.get(id);
        return reply(200, item ? { Item: item } : {});
      }
      case "PutItem":
      case "DeleteItem": {
        if (id === undefined) return dynamoError("ValidationException", "the request names no LockID");
        const check = conditionHolds(body, table.get(id));
        if (check === "unsupported") {
          return dynamoError(
            "ValidationException",
            `unsupported condition ${body.ConditionExpression ?? ""}`,
          );
        }
        if (!check) return dynamoError("ConditionalCheckFailedException", "The conditional request failed");
        if (facts.operation === "PutItem") table.set(id, body.Item as Item);
        else table.delete(id);
        return reply(200, {});
      }
      default:
        return dynamoError(
          "UnknownOperationException",
          `loopback DynamoDB does not implement ${facts.operation}`,
        );
    }
  }
}

/** Evaluates the condition expressions Terraform sends; anything else is "unsupported". */
function conditionHolds(body: ItemRequest, existing: Item | undefined): boolean | "unsupported" {
  const expression = body.ConditionExpression?.trim();
  if (!expression) return true;
  const names = body.ExpressionAttributeNames ?? {};
  const values = body.ExpressionAttributeValues ?? {};
  const name = (token: string): string => names[token] ?? token;
  let result = true;
  for (const clause of expression.split(/\s+AND\s+/i)) {
    let match = /^attribute_not_exists\(\s*([#\w]+)\s*\)$/.exec(clause);
    if (match) {
      result &&= existing?.[name(match[1] ?? "")] === undefined;
      continue;
    }
    match = /^attribute_exists\(\s*([#\w]+)\s*\)$/.exec(clause);
    if (match) {
      result &&= existing?.[name(match[1] ?? "")] !== undefined;
      continue;
    }
    match = /^([#\w]+)\s*=\s*(:\w+)$/.exec(clause);
    if (match) {
      const actual = existing?.[name(match[1] ?? "")];
      result &&= actual !== undefined && JSON.stringify(actual) === JSON.stringify(values[match[2] ?? ""]);
      continue;
    }
    return "unsupported";
  }
  return result;
}
