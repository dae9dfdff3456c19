import { policySize, type ConcretePolicy } from "../../lib/policy/render-concrete";

describe("policySize: what IAM counts against the 6,144 and 2,048 character limits", () => {
  const statement = {
    Sid: "Read",
    Effect: "Allow",
    Action: ["s3:GetObject"],
    Resource: ["arn:aws:s3:::b/*"],
  };

  test("counts the characters of the compact JSON", () => {
    // {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}
    // {=1  "Version":=10  "2012-10-17",=13  "Statement":=12  [{=2  "Sid":=6  "Read",=7  "Effect":=9
    // "Allow",=8  "Action":=9  ["s3:GetObject"],=17  "Resource":=11  ["arn:aws:s3:::b/*"]=20  }]}=3
    // total 128
    const policy: ConcretePolicy = { Version: "2012-10-17", Statement: [statement] };
    expect(policySize(policy)).toBe(128);
  });

  test("does not count whitespace, not even inside a value", () => {
    // The same statement with ,"Condition":{"StringEquals":{"aws:PrincipalTag/team":"a b c"}}
    // ,"Condition":=13  {"StringEquals":=16  {"aws:PrincipalTag/team":=25  "abc"=5  }}=2
    // 61 more than 128 (the two spaces are not counted): 189
    const policy: ConcretePolicy = {
      Version: "2012-10-17",
      Statement: [{ ...statement, Condition: { StringEquals: { "aws:PrincipalTag/team": "a b c" } } }],
    };
    expect(policySize(policy)).toBe(189);
  });
});
