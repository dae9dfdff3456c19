// The cdktf TypeScript template (`cdktf init --template=typescript`) with one S3 bucket: the baseline.
import { Construct } from "constructs";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

class MyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, "aws", { region: "eu-west-1" });
    new S3Bucket(this, "bucket", { bucket: "template-bench-bucket" });
  }
}

const app = new App();
new MyStack(app, "template");
app.synth();
